"""A key on a PKCS#11 token (SoftHSM2 from Debian's packages) signs like a PKCS#12 file."""

import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from documents.models import PdfJobKind
from documents.selectors import latest_job
from documents.services import document_issue, document_sign, document_submit
from documents.signing import pades, trust
from documents.signing.models import CredentialKind
from documents.signing.services import credential_register_pkcs11, credential_upload_pkcs12
from tests.documents.signing_pki import PASSWORD
from tests.documents.test_signing import local_pki, run_on_commit  # noqa: F401 - fixtures

MODULE = Path("/usr/lib/softhsm/libsofthsm2.so")
PIN = "123456"

pytestmark = pytest.mark.skipif(
    not MODULE.exists() or shutil.which("softhsm2-util") is None, reason="SoftHSM2 chưa được cài (scripts/system-deps.sh)"
)


@pytest.fixture
def token(tmp_path, monkeypatch, settings):
    directory = tmp_path / "tokens"
    directory.mkdir()
    config = tmp_path / "softhsm2.conf"
    config.write_text(f"directories.tokendir = {directory}\nobjectstore.backend = file\nlog.level = ERROR\n")
    monkeypatch.setenv("SOFTHSM2_CONF", str(config))
    subprocess.run(
        ["softhsm2-util", "--init-token", "--free", "--label", "thidua-test", "--pin", PIN, "--so-pin", "654321"],
        check=True, capture_output=True,
    )
    settings.THIDUA_PKCS11_MODULE = str(MODULE)
    settings.THIDUA_PKCS11_PIN = PIN
    return "thidua-test"


def put_on_token(token_label: str, issued, label: str, directory: Path) -> None:
    """The key through softhsm2-util (PKCS#8 import), its certificate through python-pkcs11."""
    import pkcs11
    from pkcs11 import Attribute, CertificateType, ObjectClass

    key_file = directory / f"{label}.pem"
    key_file.write_bytes(issued.key_pem)
    subprocess.run(
        ["softhsm2-util", "--import", str(key_file), "--token", token_label, "--label", label, "--id", "01", "--pin", PIN],
        check=True, capture_output=True,
    )
    key_file.unlink()
    lib = pkcs11.lib(str(MODULE))
    with lib.get_token(token_label=token_label).open(user_pin=PIN, rw=True) as session:
        session.create_object({
            Attribute.CLASS: ObjectClass.CERTIFICATE, Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
            Attribute.TOKEN: True, Attribute.LABEL: label, Attribute.ID: b"\x01",
            Attribute.SUBJECT: issued.cert.subject.public_bytes(),
            Attribute.VALUE: issued.cert.public_bytes(serialization.Encoding.DER),
        })


def test_organisation_key_on_a_token_signs_the_issued_document(token, tmp_path, local_pki, so_vl, signer_vl, clerk_vl, signed_plan_factory):  # noqa: F811
    _, organisation = local_pki.person(so_vl.name, so_vl.name)
    put_on_token(token, organisation, "sct-vinh-long", tmp_path)
    credential = credential_register_pkcs11(actor=clerk_vl, token_label=token, key_label="sct-vinh-long", unit=so_vl)
    assert credential.kind == CredentialKind.PKCS11 and not credential.secret
    plan = signed_plan_factory()
    document_issue(document=plan, actor=clerk_vl)
    with latest_job(plan, PdfJobKind.DOCUMENT).file.open("rb") as handle:
        report = pades.validate(handle.read(), trust_roots=trust.trust_roots())
    assert report.ok, [s.summary for s in report.signatures]
    assert [s.field_name for s in report.signatures] == ["nguoi-ky-1", "co-quan-1"]
    assert so_vl.name in report.signatures[1].subject


@pytest.fixture
def signed_plan_factory(local_pki, make_plan, manager_vl, signer_vl):  # noqa: F811
    def make():
        p12, _ = local_pki.person("Nguyễn Văn Hải", signer_vl.unit.name)
        credential_upload_pkcs12(actor=signer_vl, data=p12, password=PASSWORD, user=signer_vl)
        plan = make_plan()
        document_submit(document=plan, actor=manager_vl)
        document_sign(document=plan, actor=signer_vl)
        return plan

    return make


def test_unknown_key_label_is_refused(token, local_pki, so_vl, clerk_vl):  # noqa: F811
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        credential_register_pkcs11(actor=clerk_vl, token_label=token, key_label="khong-co", unit=so_vl)
    assert refused.value.code == "pkcs11_key"
