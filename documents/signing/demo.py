"""Demo signing material for ``make run`` with no configuration: a demo CA under var/, and a
certificate for each demo signer and each issuing organisation that has a signer or a clerk.

Never in production (seed_demo refuses to run there), and only when no trust roots are configured:
the PDFs then validate against the demo root, and the log says so.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from django.conf import settings

from units.models import Role, RoleAssignment, Unit

from . import keys, pki
from .models import CredentialKind, SigningCredential
from .trust import demo_root_path

logger = logging.getLogger(__name__)

SIGNATURE_SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 80" width="200" height="80">
<path d="M12 58 C 30 10, 48 10, 52 46 S 70 70, 84 30 S 104 8, 112 44 C 118 66, 132 60, 140 36 S 160 20, 170 40 L 190 30"
 fill="none" stroke="#1a3fa6" stroke-width="3.2" stroke-linecap="round" stroke-linejoin="round"/>
<path d="M40 64 C 80 56, 130 58, 176 52" fill="none" stroke="#1a3fa6" stroke-width="2" stroke-linecap="round"/>
</svg>"""

SEAL_SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="200" height="200">
<g fill="none" stroke="#d0021b"><circle cx="100" cy="100" r="96" stroke-width="6"/><circle cx="100" cy="100" r="66" stroke-width="2.5"/></g>
<text x="100" y="27" font-family="Liberation Serif" font-size="13" font-weight="bold" fill="#d0021b" text-anchor="middle">{governing}</text>
<polygon fill="#d0021b" points="100,48 108,72 133,72 113,87 120,111 100,96 80,111 87,87 67,72 92,72"/>
<text x="100" y="138" font-family="Liberation Serif" font-size="19" font-weight="bold" fill="#d0021b" text-anchor="middle">{short}</text>
<text x="100" y="160" font-family="Liberation Serif" font-size="11" fill="#d0021b" text-anchor="middle">{place}</text>
</svg>"""

DEMO_NOTE = "CA DEMO – CHỈ ĐỂ DÙNG THỬ"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def seal_image(unit: Unit) -> bytes:
    governing = (unit.governing_body or unit.name).upper()[:26]
    return SEAL_SVG.format(
        governing=_escape(governing), short=_escape(unit.short_name or unit.code.upper()), place=_escape(unit.place_name)
    ).encode()


def _root(directory: Path) -> pki.Issued:
    key_path, cert_path = directory / "ca-root.key", demo_root_path()
    if key_path.exists() and cert_path.exists():
        from cryptography import x509

        key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
        return pki.Issued(key, x509.load_pem_x509_certificate(cert_path.read_bytes()))
    directory.mkdir(parents=True, exist_ok=True)
    root = pki.make_root("thidua Demo Root CA", organisation=DEMO_NOTE)
    key_path.write_bytes(root.key_pem)
    key_path.chmod(0o600)
    cert_path.write_bytes(root.cert_pem)
    return root


def _credential(root: pki.Issued, *, common_name: str, organisation: str, image: bytes, owner: dict) -> SigningCredential:
    issued = pki.issue(root, common_name=common_name, organisation=organisation, unit=DEMO_NOTE,
                       not_before=dt.datetime.now(dt.UTC) - dt.timedelta(days=1))
    data = pki.to_pkcs12(issued, chain=[root.cert], password=b"demo")
    repacked, info = keys.read_pkcs12(data, "demo")
    return SigningCredential.objects.create(
        kind=CredentialKind.PKCS12, secret=keys.seal_secret(repacked), certificate=info.der, chain=info.chain_pem,
        subject=info.subject, issuer=info.issuer, serial=info.serial, not_before=info.not_before, not_after=info.not_after,
        image=image, **owner,
    )


def seed(seeder, units) -> None:
    if settings.THIDUA_SIGNING_TRUST_ROOTS:
        return  # a real trust list is configured: no demo certificates
    directory = Path(settings.THIDUA_SIGNING_DEMO_DIR)
    fresh = not demo_root_path().exists()
    root = _root(directory)
    if fresh:
        logger.warning(
            "Ký số: chưa cấu hình chứng thư số, đã tạo CA demo tại %s. Văn bản được ký bằng chứng thư demo, "
            "chỉ kiểm tra được với chứng thư gốc demo (%s).", directory, demo_root_path(),
        )
    signing = RoleAssignment.objects.active().filter(role__in=(Role.SIGNER, Role.CLERK)).select_related("user", "unit")
    signers = {a.user for a in signing if a.role == Role.SIGNER}
    organisations = {a.unit for a in signing}
    for user in sorted(signers, key=lambda u: u.username):
        if not SigningCredential.objects.active().filter(user=user).exists():
            _credential(root, common_name=user.full_name or user.username, organisation=user.unit.name if user.unit_id else "",
                        image=SIGNATURE_SVG.encode(), owner={"user": user})
            seeder._count("chứng thư số demo", True)
    for unit in sorted(organisations, key=lambda u: u.code):
        if not SigningCredential.objects.active().filter(unit=unit).exists():
            _credential(root, common_name=unit.name, organisation=unit.name, image=seal_image(unit), owner={"unit": unit})
            seeder._count("chứng thư số demo", True)

