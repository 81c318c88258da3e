"""Vietnamese text as users type it."""

import unicodedata


def nfc(text: str) -> str:
    """Normalise Vietnamese text to NFC so that equal names compare equal."""
    return unicodedata.normalize("NFC", text or "").strip()
