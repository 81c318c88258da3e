"""Digital signatures on issued documents, against a local PKI (CA, OCSP and TSA on loopback)."""

import datetime as dt
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from django.core.exceptions import ValidationError

from documents.models import DocumentStatus, DocumentType, PdfJobKind
from documents.selectors import latest_job
from documents.services import document_create, document_issue, document_sign, document_submit
from documents.signing import pades, trust
from documents.signing.models import AppliedSignature, SignatureRole, Verification
from documents.signing.services import credential_upload_pkcs12, issued_pdf
from tests.conftest import make_user
from tests.documents.signing_pki import PASSWORD, LocalPki
from units.models import Role


@pytest.fixture(autouse=True)
def run_on_commit(monkeypatch):
    """Run on-commit callbacks at once: the signing task and the PDF job follow each action."""
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


@pytest.fixture
def local_pki(tmp_path, settings):
    authority = LocalPki(tmp_path)
    settings.THIDUA_SIGNING_TRUST_ROOTS = [str(authority.root_path)]
    settings.THIDUA_SIGNING_TSA_URL = ""
    settings.THIDUA_SIGNING_REVOCATION = False
    yield authority
    authority.close()


@pytest.fixture
def lt_mode(local_pki, settings):
    """PAdES B-LT: a time-stamp authority and revocation checks (OCSP) are configured."""
    settings.THIDUA_SIGNING_TSA_URL = local_pki.tsa_url
    settings.THIDUA_SIGNING_REVOCATION = True
    return local_pki


def give_credential(local_pki, *, user=None, unit=None, name="", **kwargs):
    label = name or (user.full_name if user else unit.name)
    organisation = (user.unit.name if user else unit.name)
    p12, issued = local_pki.person(label, organisation, **kwargs)
    actor = user or make_user(f"cts-{unit.code}", unit, Role.CLERK)
    credential_upload_pkcs12(actor=actor, data=p12, password=PASSWORD, user=user, unit=unit)
    return issued


@pytest.fixture
def signing_vl(local_pki, so_vl, signer_vl):
    give_credential(local_pki, user=signer_vl)
    give_credential(local_pki, unit=so_vl)
    return local_pki


def issued_file(document) -> bytes:
    job = latest_job(document, PdfJobKind.DOCUMENT)
    with job.file.open("rb") as handle:
        return handle.read()


def test_issued_plan_validates_signer_then_organisation(signing_vl, make_plan, manager_vl, signer_vl, clerk_vl, settings):
    plan = make_plan()
    document_submit(document=plan, actor=manager_vl)
    document_sign(document=plan, actor=signer_vl)
    content = Verification.objects.get(document=plan)
    assert content.content, "the person's signature is applied when they sign, before any number"
    document_issue(document=plan, actor=clerk_vl)
    plan.refresh_from_db()
    data = issued_file(plan)
    (Path(settings.MEDIA_ROOT) / "signed-plan.pdf").write_bytes(data)

    report = pades.validate(data, trust_roots=trust.trust_roots())
    assert report.ok, [s.summary for s in report.signatures]
    assert [s.field_name for s in report.signatures] == ["nguoi-ky-1", "co-quan-1"]
    assert "Nguyễn Văn Hải" not in report.signatures[1].subject
    assert report.signatures[0].certifying and report.signatures[0].signing_time < report.signatures[1].signing_time + dt.timedelta(seconds=1)
    assert report.signatures[1].covers_whole_file
    assert pades.field_values(data) == {"so": "01", "ngay": f"{plan.issued_on.day:02d}", "thang": pades_month(plan.issued_on), "nam": str(plan.issued_on.year)}
    roles = list(AppliedSignature.objects.filter(document=plan).values_list("role", flat=True))
    assert roles == [SignatureRole.SIGNER, SignatureRole.ORGANISATION]


def pades_month(day):
    return f"{day.month:02d}" if day.month < 3 else str(day.month)


def test_changed_byte_breaks_validation(signing_vl, signed_plan, clerk_vl):
    document_issue(document=signed_plan, actor=clerk_vl)
    data = bytearray(issued_file(signed_plan))
    # A byte inside the first revision (the rendered page) is covered by both signatures.
    position = data.index(b"stream", 2000) + 40
    data[position] ^= 0x01
    report = pades.validate(bytes(data), trust_roots=trust.trust_roots())
    assert not report.ok
    assert all(not s.intact for s in report.signatures)


def test_refilled_number_after_issue_breaks_the_organisation_signature(signing_vl, signed_plan, clerk_vl):
    from documents.signing.appearance import text_appearance

    document_issue(document=signed_plan, actor=clerk_vl)
    data = issued_file(signed_plan)
    forged = pades.fill(data, {"so": ("99", text_appearance("99", width_pt=30, height_pt=15))})
    report = pades.validate(forged, trust_roots=trust.trust_roots())
    assert not report.ok
    organisation = next(s for s in report.signatures if s.field_name == "co-quan-1")
    assert not organisation.revision_ok


def test_signing_order_person_before_organisation(signing_vl, signed_plan, clerk_vl):
    document_issue(document=signed_plan, actor=clerk_vl)
    rows = list(AppliedSignature.objects.filter(document=signed_plan).order_by("order"))
    assert [r.role for r in rows] == [SignatureRole.SIGNER, SignatureRole.ORGANISATION]
    assert rows[0].signed_at <= rows[1].signed_at
    report = pades.validate(issued_file(signed_plan), trust_roots=trust.trust_roots())
    # The certification signature comes first and admits only form filling and signing after it.
    assert report.signatures[0].certifying and not report.signatures[1].certifying


def test_expired_certificate_is_refused_at_signing(local_pki, so_vl, signer_vl, make_plan, manager_vl, settings):
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=400)
    p12, _ = local_pki.person("Nguyễn Văn Hải", so_vl.name, not_before=long_ago, not_after=long_ago + dt.timedelta(days=30))
    with pytest.raises(ValidationError) as refused:
        credential_upload_pkcs12(actor=signer_vl, data=p12, password=PASSWORD, user=signer_vl)
    assert refused.value.code == "cert_expired"


def test_revoked_certificate_is_refused_at_signing(lt_mode, so_vl, signer_vl, make_plan, manager_vl):
    issued = give_credential(lt_mode, user=signer_vl)
    plan = make_plan()
    document_submit(document=plan, actor=manager_vl)
    lt_mode.revoke(issued)
    with pytest.raises(ValidationError) as refused:
        document_sign(document=plan, actor=signer_vl)
    assert refused.value.code == "cert_revoked"
    plan.refresh_from_db()
    assert plan.status == DocumentStatus.SUBMITTED
    assert not plan.signers.filter(signed_at__isnull=False).exists()


def test_lt_mode_embeds_timestamp_and_revocation(lt_mode, so_vl, signer_vl, clerk_vl, make_plan, manager_vl):
    give_credential(lt_mode, user=signer_vl)
    give_credential(lt_mode, unit=so_vl)
    plan = make_plan()
    document_submit(document=plan, actor=manager_vl)
    document_sign(document=plan, actor=signer_vl)
    document_issue(document=plan, actor=clerk_vl)
    data = issued_file(plan)
    report = pades.validate(data, trust_roots=trust.trust_roots())
    assert report.ok
    assert all(s.timestamp_time is not None for s in report.signatures)
    assert b"/DSS" in data
    assert "/tsa" in lt_mode.requests and "/ocsp" in lt_mode.requests
    assert Verification.objects.get(document=plan).level == "PAdES B-LT"


def test_issued_pdf_is_built_once(signing_vl, signed_plan, clerk_vl):
    document_issue(document=signed_plan, actor=clerk_vl)
    first = issued_file(signed_plan)
    assert issued_pdf(signed_plan) == first
    assert AppliedSignature.objects.filter(document=signed_plan).count() == 2


def test_without_credentials_the_pdf_is_issued_unsigned_with_its_code(make_plan, manager_vl, signer_vl, clerk_vl, settings, tmp_path):
    settings.THIDUA_SIGNING_DEMO_DIR = tmp_path / "none"
    plan = make_plan()
    document_submit(document=plan, actor=manager_vl)
    document_sign(document=plan, actor=signer_vl)
    document_issue(document=plan, actor=clerk_vl)
    data = issued_file(plan)
    verification = Verification.objects.get(document=plan)
    assert verification.issued_sha256 and not AppliedSignature.objects.filter(document=plan).exists()
    import subprocess

    text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
    assert verification.display_code in text
    assert "01/KH-SCT" in text


def test_signing_required_refuses_a_signer_without_certificate(make_plan, manager_vl, signer_vl, settings):
    settings.THIDUA_SIGNING_REQUIRED = True
    plan = make_plan()
    document_submit(document=plan, actor=manager_vl)
    with pytest.raises(ValidationError) as refused:
        document_sign(document=plan, actor=signer_vl)
    assert refused.value.code == "no_credential"


@pytest.mark.parametrize("doc_type", [t for t in DocumentType.values])
def test_every_document_type_validates(signing_vl, so_vl, manager_vl, signer_vl, clerk_vl, doc_type):
    document = document_create(
        actor=manager_vl,
        doc_type=doc_type,
        issuers=[so_vl],
        subject="Về việc thử chữ ký số",
        body=[{"heading": "Điều 1.", "text": "Nội dung thử."}],
        annexes=[{"title": "DANH SÁCH", "headers": ["STT", "Tên"], "rows": [["1", "Đơn vị A"]]}],
        recipients=["Như trên"],
        signers=[{"unit": so_vl, "title": "Giám đốc", "name": "Nguyễn Văn Hải"}],
        drafting_unit=so_vl if doc_type == DocumentType.OFFICIAL_LETTER else None,
    )
    document_submit(document=document, actor=manager_vl)
    document_sign(document=document, actor=signer_vl)
    document_issue(document=document, actor=clerk_vl)
    report = pades.validate(issued_file(document), trust_roots=trust.trust_roots())
    assert report.ok, [s.summary for s in report.signatures]
    assert [s.field_name for s in report.signatures] == ["nguoi-ky-1", "phu-luc-1", "co-quan-1"]


def test_joint_document_carries_both_issuers_signatures(local_pki, ministry, manager_vl):
    from tests.factories import UnitFactory
    from units.models import UnitKind

    union = UnitFactory(code="cdct", name="Công đoàn Công Thương Việt Nam", short_name="CĐCT", kind=UnitKind.TRADE_UNION, place_name="Hà Nội")
    minister = make_user("bt", ministry, Role.SIGNER)
    chair = make_user("ct-cd", union, Role.SIGNER)
    clerk = make_user("vt-bct", ministry, Role.CLERK)
    drafter = make_user("ql-bct", ministry, Role.CAMPAIGN_MANAGER)
    from tests.documents.conftest import give_position

    give_position(minister, ministry, "Bộ trưởng")
    give_position(chair, union, "Chủ tịch", authority="TM.", authority_body="Ban Thường vụ")
    for user in (minister, chair):
        give_credential(local_pki, user=user)
    for unit in (ministry, union):
        give_credential(local_pki, unit=unit)
    directive = document_create(
        actor=drafter, doc_type=DocumentType.DIRECTIVE, issuers=[ministry, union], subject="Về phong trào thi đua",
        body=[{"text": "Nội dung."}], recipients=["Các đơn vị"],
        signers=[{"unit": ministry, "title": "Bộ trưởng", "name": "Nguyễn Hồng Diên"},
                 {"unit": union, "authority": "TM.", "authority_body": "Ban Thường vụ", "title": "Chủ tịch", "name": "Trương Văn Hùng"}],
    )
    document_submit(document=directive, actor=drafter)
    document_sign(document=directive, actor=chair)
    document_sign(document=directive, actor=minister)
    document_issue(document=directive, actor=clerk)
    report = pades.validate(issued_file(directive), trust_roots=trust.trust_roots())
    assert report.ok, [s.summary for s in report.signatures]
    assert [s.field_name for s in report.signatures] == ["nguoi-ky-2", "nguoi-ky-1", "co-quan-2", "co-quan-1"]
    assert report.signatures[0].certifying


def test_signer_uploads_own_pkcs12_and_it_is_kept_encrypted(client, local_pki, signer_vl):
    from documents.signing.models import SigningCredential

    p12, issued = local_pki.person("Nguyễn Văn Hải", signer_vl.unit.name)
    client.force_login(signer_vl)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        "/van-ban/chung-thu-so/", {"file": SimpleUploadedFile("gd.p12", p12), "password": PASSWORD}
    )
    assert response.status_code == 302
    credential = SigningCredential.objects.get(user=signer_vl, is_active=True)
    assert credential.serial == format(issued.cert.serial_number, "X")
    key_der = issued.key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    assert key_der[-64:] not in bytes(credential.secret)
    assert "Nguyễn Văn Hải" in client.get("/van-ban/chung-thu-so/").content.decode()


def test_wrong_pkcs12_password_is_refused(client, local_pki, signer_vl):
    from django.core.files.uploadedfile import SimpleUploadedFile

    p12, _ = local_pki.person("Nguyễn Văn Hải", signer_vl.unit.name)
    client.force_login(signer_vl)
    response = client.post("/van-ban/chung-thu-so/", {"file": SimpleUploadedFile("gd.p12", p12), "password": "sai"}, follow=True)
    assert "sai mật khẩu" in response.content.decode()


def test_verify_page_hides_drafts_and_is_rate_limited(client, local_pki, make_plan, settings):
    from django.core.cache import cache

    cache.clear()
    draft = make_plan()
    verification = Verification.objects.create(document=draft)
    assert client.get(f"/van-ban/tra-cuu/{verification.display_code}/").status_code == 404
    settings.THIDUA_VERIFY_RATE_LIMIT = 2
    statuses = [client.get(f"/van-ban/tra-cuu/{verification.display_code}/").status_code for _ in range(3)]
    assert statuses[-1] == 429
    cache.clear()


def test_issued_pdf_is_kept_when_the_heartbeat_cannot_see_the_job(signing_vl, signed_plan, clerk_vl, settings):
    """On PostgreSQL the lease's heartbeat (its own connection) cannot see a job created in the test's
    open transaction; a render longer than a beat used to be thrown away as "lost" (a job of more than
    10 s under load). A beat every third of a second makes that certain here."""
    settings.PDF_JOB_LEASE_SECONDS = 1
    document_issue(document=signed_plan, actor=clerk_vl)
    job = latest_job(signed_plan, PdfJobKind.DOCUMENT)
    assert job.state == "done" and job.file
    assert pades.validate(issued_file(signed_plan), trust_roots=trust.trust_roots()).ok


def word_boxes(pdf: bytes) -> list[tuple[int, str, float]]:
    """(page, word, height in points) of every word, from pdftotext's bounding boxes."""
    import re
    import subprocess

    html = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    words, page = [], 0
    for line in html.splitlines():
        if "<page " in line:
            page += 1
        found = re.search(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]+)</word>', line)
        if found:
            words.append((page, found.group(3), float(found.group(2)) - float(found.group(1))))
    return words


def test_annex_and_organisation_signature_texts_print_at_10_pt(signing_vl, so_vl, manager_vl, signer_vl, clerk_vl):
    """Phụ lục I: the organisation's name and the signing time in 10 pt; on an annex, the number and
    symbol and the time. pyHanko's default 5 pt margins used to shrink the annex's to 6.5 pt."""
    document = document_create(
        actor=manager_vl, doc_type=DocumentType.DECISION, issuers=[so_vl], subject="Về việc thử chữ ký số",
        body=[{"heading": "Điều 1.", "text": "Nội dung thử."}],
        annexes=[{"title": "DANH SÁCH", "headers": ["STT", "Tên"], "rows": [["1", "Đơn vị A"]]}],
        recipients=["Như trên"], signers=[{"unit": so_vl, "title": "Giám đốc", "name": "Nguyễn Văn Hải"}],
    )
    document_submit(document=document, actor=manager_vl)
    document_sign(document=document, actor=signer_vl)
    document = document_issue(document=document, actor=clerk_vl)
    words = word_boxes(issued_file(document))
    times = [(page, height) for page, word, height in words if word.endswith("+07:00")]
    assert {page for page, _ in times} == {1, 2}, times  # the organisation's on page 1, the annex's on page 2
    # A 10 pt line of Times New Roman (Liberation Serif) is 11.2 pt high from its ascent to its descent.
    assert all(10.5 < height < 12 for _, height in times), times
    symbol = next(h for page, word, h in words if page == 2 and word == document.symbol)
    assert 10.5 < symbol < 12
