"""Office files and hostile look-alikes built in memory, for the upload and Excel tests."""

import io
import zipfile

from openpyxl import Workbook

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="{main}"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
DOCUMENT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Báo cáo thành tích</w:t></w:r></w:p></w:body></w:document>"""
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"


def zip_bytes(parts: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx(main: str = DOCX_MAIN, extra: dict | None = None) -> bytes:
    return zip_bytes({"[Content_Types].xml": CONTENT_TYPES.format(main=main), "_rels/.rels": RELS,
                      "word/document.xml": DOCUMENT, **(extra or {})})


def docm() -> bytes:
    return docx(DOCM_MAIN, {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 Attribute VB_Name = \"ThisDocument\""})


def xlsx(rows=(("Mã", "Tên"), ("A1", "Một"))) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def parts_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def xlsm() -> bytes:
    parts = parts_of(xlsx())
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    )
    parts["xl/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 Sub Auto_Open()"
    return zip_bytes(parts)


def jar_dressed_as_xlsx() -> bytes:
    """A Java archive that also carries a workbook's parts: opens in Excel, runs with `java -jar`."""
    parts = parts_of(xlsx())
    parts["META-INF/MANIFEST.MF"] = "Manifest-Version: 1.0\nMain-Class: vn.evil.Main\n"
    parts["vn/evil/Main.class"] = b"\xca\xfe\xba\xbe\x00\x00\x00\x34"
    return zip_bytes(parts)


def plain_jar() -> bytes:
    return zip_bytes({"META-INF/MANIFEST.MF": "Manifest-Version: 1.0\n", "vn/evil/Main.class": b"\xca\xfe\xba\xbe"})


PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PDF_WITH_HTML = PDF + b"<html><script>alert(document.cookie)</script></html>"
PNG_WITH_SVG = b"\x89PNG\r\n\x1a\n" + b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
