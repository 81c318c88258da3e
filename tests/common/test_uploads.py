"""§4 Uploads: the type comes from the content; so does the extension of the stored and downloaded name."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from common.uploads import DOCX, XLSX, download_name, safe_original_name, sniff_upload
from tests.common import samples


def sniff(name: str, data: bytes):
    return sniff_upload(SimpleUploadedFile(name, data))


@pytest.mark.parametrize(
    ("name", "data", "kind", "stored_as"),
    [
        ("evil.html", samples.PDF_WITH_HTML, "application/pdf", "evil.pdf"),
        ("logo.svg", samples.PNG_WITH_SVG, "image/png", "logo.png"),
        ("to trinh.pdf", samples.PDF, "application/pdf", "to trinh.pdf"),
        ("bao cao", samples.docx(), DOCX, "bao cao.docx"),
        ("bang.xlsx", samples.xlsx(), XLSX, "bang.xlsx"),
        ("bang.xls.exe", samples.xlsx(), XLSX, "bang.xls.xlsx"),
    ],
)
def test_upload_is_named_after_what_it_is(name, data, kind, stored_as):
    detected, extension = sniff(name, data)
    assert detected == kind
    assert safe_original_name(name, extension=extension) == stored_as
    assert download_name(name, detected) == stored_as


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("bang.xlsm", samples.xlsm(), "macros"),
        ("bang.xlsx", samples.xlsm(), "macros"),  # renamed, still refused
        ("bao-cao.docm", samples.docm(), "macros"),
        ("bao-cao.docx", samples.docm(), "macros"),
        ("bang.xlsx", samples.jar_dressed_as_xlsx(), "bad_type"),
        ("tool.jar", samples.plain_jar(), "bad_type"),
        ("bang.xlsx", samples.zip_bytes({"xl/workbook.xml": "<workbook/>"}), "bad_type"),
        ("trang.html", b"<html><script>alert(1)</script></html>", "bad_type"),
        ("anh.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "bad_type"),
    ],
)
def test_dangerous_uploads_are_refused(name, data, code):
    with pytest.raises(ValidationError) as error:
        sniff(name, data)
    assert error.value.code == code


def test_content_types_with_an_entity_bomb_is_refused():
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">&b;</Types>'
    )
    data = samples.zip_bytes({"[Content_Types].xml": laughs, "_rels/.rels": samples.RELS, "word/document.xml": samples.DOCUMENT})
    with pytest.raises(ValidationError):
        sniff("a.docx", data)


def test_client_name_never_carries_a_path_or_control_characters():
    assert safe_original_name("../../etc/passwd\x00.pdf", extension="pdf") == "passwd.pdf"
    assert safe_original_name("C:\\Users\\a\\..\\hồ sơ.PDF", extension="pdf") == "hồ sơ.pdf"
    assert safe_original_name("", extension="png") == "tep-dinh-kem.png"
    assert len(safe_original_name("a" * 400 + ".html", extension="pdf")) == 255
