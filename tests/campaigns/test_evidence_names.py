"""§4 Evidence files are stored and downloaded under the extension of what they are."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns.models import Evidence
from tests.common import samples

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(media_root):
    return media_root


def upload(client, report, name, data):
    return client.post(reverse("campaigns:evidence-upload", args=[report.pk]), {"file": SimpleUploadedFile(name, data)})


@pytest.mark.parametrize(
    ("name", "data", "kept_as", "kind"),
    [("evil.html", samples.PDF_WITH_HTML, "evil.pdf", "application/pdf"), ("logo.svg", samples.PNG_WITH_SVG, "logo.png", "image/png")],
)
def test_upload_is_kept_and_served_as_what_it_is(client, draft_report, officer_vl, name, data, kept_as, kind):
    client.force_login(officer_vl)
    upload(client, draft_report, name, data)
    evidence = Evidence.objects.get(report=draft_report)
    assert evidence.original_name == kept_as and evidence.storage_key.endswith("." + kept_as.rsplit(".")[-1])
    response = client.get(reverse("campaigns:evidence-download", args=[evidence.pk]))
    assert response["Content-Type"] == kind
    assert response["Content-Disposition"] == f'attachment; filename="{kept_as}"'
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("name", "data"),
    [("bang.xlsm", samples.xlsm()), ("bao-cao.docm", samples.docm()), ("bang.xlsx", samples.jar_dressed_as_xlsx())],
)
def test_macro_files_and_archives_dressed_as_office_are_refused(client, draft_report, officer_vl, name, data):
    client.force_login(officer_vl)
    response = upload(client, draft_report, name, data)
    assert not Evidence.objects.filter(report=draft_report).exists()
    text = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert ".docm, .xlsm" in text or "không phải tài liệu Word" in text


def test_file_stored_under_its_old_name_downloads_under_its_type(client, draft_report, officer_vl):
    from campaigns.services import evidence_add

    evidence = evidence_add(report=draft_report, actor=officer_vl, upload=SimpleUploadedFile("cu.pdf", samples.PDF))
    Evidence.objects.filter(pk=evidence.pk).update(original_name="cu.html")  # kept before names followed types
    client.force_login(officer_vl)
    response = client.get(reverse("campaigns:evidence-download", args=[evidence.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="cu.pdf"'
