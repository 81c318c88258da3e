"""§4 for awards: dossier files named after their type; the nominations export writes no live formula."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.services import nominations as svc
from tests.awards.conftest import nominate
from tests.common import samples
from tests.hardening.test_exports import PAYLOAD, assert_payloads_are_text, text_cells

pytestmark = pytest.mark.django_db


def test_dossier_file_is_kept_and_served_as_what_it_is(client, council_setup, officer_vl, province_pair):  # noqa: F811
    nomination = nominate(officer_vl, council_setup["round"], province_pair["vinh-long"], files=())
    item = svc.dossier_add(nomination=nomination, actor=officer_vl, document="to_trinh",
                           upload=SimpleUploadedFile("evil.html", samples.PDF_WITH_HTML))
    assert item.original_name == "evil.pdf" and item.storage_key.endswith(".pdf")
    client.force_login(officer_vl)
    response = client.get(reverse("awards:dossier-download", args=[item.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="evil.pdf"'
    assert response["Content-Type"] == "application/pdf"


@pytest.mark.parametrize("data", [samples.docm(), samples.xlsm(), samples.jar_dressed_as_xlsx()], ids=["docm", "xlsm", "jar"])
def test_dossier_refuses_macros_and_dressed_archives(council_setup, officer_vl, province_pair, data):  # noqa: F811
    nomination = nominate(officer_vl, council_setup["round"], province_pair["vinh-long"], files=())
    with pytest.raises(ValidationError):
        svc.dossier_add(nomination=nomination, actor=officer_vl, document="to_trinh", upload=SimpleUploadedFile("to-trinh.docx", data))
    assert not nomination.files.exists()


def test_nominations_export_writes_no_formula(client, council_setup, officer_vl, province_pair):  # noqa: F811
    nomination = nominate(officer_vl, council_setup["round"], province_pair["vinh-long"], files=())
    nomination.achievement = PAYLOAD
    nomination.save(update_fields=["achievement"])
    client.force_login(officer_vl)
    cells = text_cells(client.get(reverse("awards:nomination-list"), {"format": "xlsx"}))
    assert_payloads_are_text(cells, [PAYLOAD])
