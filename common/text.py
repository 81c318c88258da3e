"""Vietnamese text as users type it."""

import unicodedata


def nfc(text: str) -> str:
    """Normalise Vietnamese text to NFC so that equal names compare equal."""
    return unicodedata.normalize("NFC", text or "").strip()


def fold(text: str) -> str:
    """Text for matching what a person types: lower case, without tone marks, đ as d, single spaces.

    "Sở Công Thương tỉnh Đồng Tháp", "so cong thuong dong thap" and "ĐỒNG THÁP" fold to the same words,
    on SQLite as on PostgreSQL (whose case folding of Vietnamese SQLite lacks).
    """
    decomposed = unicodedata.normalize("NFD", (text or "").casefold().replace("đ", "d"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.split())
