"""Printing onto pre-printed blanks: the clerk keeps per-printer offsets and prints a calibration page."""

import io

import pdfplumber
import pytest
from django.urls import reverse

from documents.certificates import field_positions, render_on_blank_pdf
from documents.models import BlankForm, BlankPrintProfile
from tests.conftest import make_user
from tests.documents.layout import MM, segments
from units.models import AuditEvent, Role

pytestmark = pytest.mark.django_db


def test_clerk_sets_offsets_and_prints_the_calibration_page(client, clerk_vl, so_vl):
    client.force_login(clerk_vl)
    assert client.get(reverse("documents:blank-profile-list")).status_code == 200
    response = client.post(reverse("documents:blank-profile-create"), {
        "unit": so_vl.pk, "form": BlankForm.GIAY_KHEN, "printer_name": "Máy in văn thư", "paper_width_mm": "297",
        "paper_height_mm": "210", "offset_x_mm": "2.5", "offset_y_mm": "-1.5",
    })
    profile = BlankPrintProfile.objects.get()
    assert response.status_code == 302 and float(profile.offset_x_mm) == 2.5 and float(profile.offset_y_mm) == -1.5
    assert AuditEvent.objects.filter(action="blank_profile_save").exists()
    pdf = client.get(reverse("documents:blank-profile-calibration", args=[profile.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    page = pdfplumber.open(io.BytesIO(pdf.content)).pages[0]
    assert abs(page.width - 297 * MM) < 2 and "TRANG CĂN CHỈNH" in page.extract_text()


def test_offsets_move_every_field(so_vl):
    profile = BlankPrintProfile.objects.create(unit=so_vl, form=BlankForm.BANG_KHEN, printer_name="A")
    kwargs = dict(recipient="Nguyễn Thị Lan", achievement="Đã có thành tích xuất sắc", decision_symbol="05/QĐ-SCT",
                  decision_date=None, golden_book_number="", place_name="Vĩnh Long", signer_title="Giám đốc", signer_name="Nguyễn Văn Hải")

    def recipient_position():
        page = pdfplumber.open(io.BytesIO(render_on_blank_pdf(profile=profile, **kwargs))).pages[0]
        seg = next(s for s in segments(page) if s.text == "Nguyễn Thị Lan")
        return seg.centre / MM, seg.top / MM

    x0, y0 = recipient_position()
    profile.offset_x_mm, profile.offset_y_mm = 4, -3
    profile.save()
    x1, y1 = recipient_position()
    assert abs((x1 - x0) - 4) < 0.3 and abs((y1 - y0) + 3) < 0.3
    assert abs(x1 - field_positions(profile)[0]["centre"]) < 1


def test_blank_profiles_are_the_clerks_own(client, so_vl, province_pair):
    other = BlankPrintProfile.objects.create(unit=province_pair["nghe-an"], form=BlankForm.BANG_KHEN, printer_name="B")
    clerk = make_user("vt-x", so_vl, Role.CLERK)
    client.force_login(clerk)
    assert client.get(reverse("documents:blank-profile-update", args=[other.pk])).status_code == 404
    assert client.get(reverse("documents:blank-profile-calibration", args=[other.pk])).status_code == 404
    client.force_login(make_user("ql-x", so_vl, Role.CAMPAIGN_MANAGER))
    assert client.get(reverse("documents:blank-profile-list")).status_code == 403
