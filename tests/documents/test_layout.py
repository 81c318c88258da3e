"""The layout a văn thư signs off (ND 30/2020, Phụ lục I): every generated document type and certificate
is read back with pdfplumber and checked rule by rule (``tests/documents/layout.py``).

Set THIDUA_PDF_DIR to also keep the PDFs and page-1 PNGs (``pdftoppm -png -r 60``) for docs/img.
"""

import datetime
import os
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from documents.certificates import render_calibration_pdf, render_certificate_pdf, render_on_blank_pdf
from documents.models import BlankForm, BlankPrintProfile
from documents.pdf import render_document_pdf
from tests.documents.layout import blank_checks, certificate_checks, document_checks, flag_checks
from tests.documents.samples import Samples

pytestmark = pytest.mark.django_db
OUT = os.environ.get("THIDUA_PDF_DIR")


def keep(name: str, pdf: bytes) -> None:
    if not OUT:
        return
    path = Path(OUT) / f"pdf-{name}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(path), str(path.with_suffix(""))], check=True)


CERTIFICATE = {
    "giver": "Bộ trưởng Bộ Công Thương",
    "recipient": "Sở Công Thương tỉnh Vĩnh Long",
    "recipient_detail": "",
    "achievement": "Đã có thành tích xuất sắc trong phong trào thi đua năm 2025",
    "decision_symbol": "125/QĐ-BCT",
    "decision_date": datetime.date(2026, 2, 5),
    "golden_book_number": "01/2026/SV-BCT",
    "place_name": "Hà Nội",
    "signer_title": "KT. Bộ trưởng – Thứ trưởng",
    "signer_name": "Trương Thanh Hoài",
}


def _certificate(form_name, **extra):
    values = dict(CERTIFICATE)
    giver = values.pop("giver")
    return render_certificate_pdf(form_name=form_name, giver_title=giver, **values, **extra)


def run_all_checks() -> list:
    reports = []
    for name, document in Samples().all().items():
        pdf = render_document_pdf(document)
        keep(name, pdf)
        reports.append(document_checks(document, pdf))
    for form_name in ("Bằng khen", "Giấy khen"):
        pdf = _certificate(form_name)
        keep(form_name.lower().replace(" ", "-").replace("ằ", "a").replace("ấ", "a"), pdf)
        reports.append(certificate_checks(pdf, size_mm=(400, 300), form_name=form_name, values=CERTIFICATE))
    flag = _certificate("Cờ thi đua của Bộ Công Thương", giver_body="Bộ Công Thương", year=2025)
    keep("co-thi-dua", flag)
    reports.append(flag_checks(flag, giver="Bộ Công Thương", recipient=CERTIFICATE["recipient"]))
    from units.models import Unit

    profile = BlankPrintProfile.objects.create(
        unit=Unit.objects.get(code="bct"), form=BlankForm.BANG_KHEN, printer_name="Máy in văn thư",
        offset_x_mm=Decimal("3.5"), offset_y_mm=Decimal("-2.0"),
    )
    values = {key: CERTIFICATE[key] for key in ("recipient", "achievement", "signer_name")}
    blank = render_on_blank_pdf(profile=profile, **{k: v for k, v in CERTIFICATE.items() if k != "giver"})
    keep("phoi-bang-khen", blank)
    reports.append(blank_checks(blank, profile=profile, values=values))
    calibration = render_calibration_pdf(profile)
    keep("phoi-can-chinh", calibration)
    from documents.certificates import BLANK_FIELDS

    reports.append(blank_checks(calibration, profile=profile, values={f.key: f.label for f in BLANK_FIELDS}, calibration=True))
    return reports


def test_every_document_and_certificate_passes_every_layout_check(capsys):
    reports = run_all_checks()
    failures = [failure for report in reports for failure in report.failures]
    total = sum(len(report.results) for report in reports)
    with capsys.disabled():
        print(f"\nlayout: {total - len(failures)} of {total} checks pass over {len(reports)} documents and certificates")
    assert not failures, "\n".join(f"{name}: {rule} ({detail})" for name, rule, detail in failures)
    assert total > 300
