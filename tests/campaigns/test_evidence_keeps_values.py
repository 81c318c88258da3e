"""§6 Values typed into a progress report were lost when evidence was uploaded: the upload is a button of
the report form, and its view saves the typed values (same form, same service) before adding the file."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns.models import Evidence, ReportStatus, ReportValue

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n% bien ban nghiem thu\n"


@pytest.fixture(autouse=True)
def _media(media_root):
    return media_root


def targets(report):
    return {t.indicator.code: t for t in report.registration.targets.all()}


def typed(report, **extra):
    t = targets(report)
    return {"version": str(report.version), "narrative": "Đã đóng điện dự án gió số 3.", f"v-{t['wind'].pk}": "152,5",
            f"s-{t['wind'].pk}": "60", f"v-{t['ccn'].pk}": "1", **extra}


def test_report_page_puts_the_upload_inside_the_report_form(client, draft_report, officer_vl):
    client.force_login(officer_vl)
    html = client.get(draft_report.get_absolute_url()).content.decode()
    form = html[html.index('data-testid="report-form"'):html.index("</form>", html.index('data-testid="report-form"'))]
    assert 'name="file"' in form and 'name="v-' in form
    assert f'formaction="{reverse("campaigns:evidence-upload", args=[draft_report.pk])}"' in form
    assert 'enctype="multipart/form-data"' in html[html.rindex("<form", 0, html.index('data-testid="report-form"')):]


def test_uploading_evidence_saves_the_typed_values_first(client, draft_report, officer_vl):
    client.force_login(officer_vl)
    wind = targets(draft_report)["wind"]
    response = client.post(reverse("campaigns:evidence-upload", args=[draft_report.pk]),
                           typed(draft_report, file=SimpleUploadedFile("bien-ban.pdf", PDF), target=str(wind.pk)))
    assert response.status_code == 302
    draft_report.refresh_from_db()
    assert draft_report.narrative == "Đã đóng điện dự án gió số 3." and draft_report.status == ReportStatus.DRAFT
    value = ReportValue.objects.get(report=draft_report, target=wind)
    assert value.value == Decimal("152.5") and value.same_period == Decimal("60")
    assert Evidence.objects.get(report=draft_report).target == wind
    page = client.get(draft_report.get_absolute_url()).content.decode()
    assert 'value="152,5"' in page and "bien-ban.pdf" in page


def test_a_refused_value_keeps_what_was_typed_and_uploads_nothing(client, draft_report, officer_vl):
    client.force_login(officer_vl)
    wind = targets(draft_report)["wind"]
    data = typed(draft_report, file=SimpleUploadedFile("bien-ban.pdf", PDF))
    data[f"v-{wind.pk}"] = "152,5 MW"
    response = client.post(reverse("campaigns:evidence-upload", args=[draft_report.pk]), data)
    html = response.content.decode()
    assert response.status_code == 400 and 'value="152,5 MW"' in html and "Đã đóng điện dự án gió số 3." in html
    assert "chọn lại tệp" in html
    assert not Evidence.objects.exists() and not ReportValue.objects.filter(report=draft_report).exists()


def test_a_refused_file_keeps_the_saved_values(client, draft_report, officer_vl):
    client.force_login(officer_vl)
    client.post(reverse("campaigns:evidence-upload", args=[draft_report.pk]),
                typed(draft_report, file=SimpleUploadedFile("virus.exe", b"MZ\x90\x00not a document")))
    assert not Evidence.objects.exists()
    assert ReportValue.objects.get(report=draft_report, target=targets(draft_report)["wind"]).value == Decimal("152.5")


def test_saving_with_a_file_chosen_keeps_the_file_too(client, draft_report, officer_vl):
    client.force_login(officer_vl)
    response = client.post(draft_report.get_absolute_url(), typed(draft_report, save="1", file=SimpleUploadedFile("ke-hoach.pdf", PDF)))
    assert response.status_code == 302
    assert Evidence.objects.get(report=draft_report).original_name == "ke-hoach.pdf"
    assert ReportValue.objects.get(report=draft_report, target=targets(draft_report)["wind"]).value == Decimal("152.5")
