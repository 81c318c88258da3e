"""The Ministry's outgoing register (sổ đăng ký văn bản đi): issued documents numbered without gaps.

Numbers continue the register's counter, and the counter is moved past them, so a document issued
afterwards through the services takes the next number (ND 30/2020, Art 15).
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from documents.models import (
    TYPE_ABBREVIATIONS,
    DocumentIssuer,
    DocumentSigner,
    DocumentStatus,
    DocumentType,
    OfficialDocument,
    RegisterCounter,
)
from documents.numbering import register_key
from units.models import Unit

from .bulk import take_ids, write

SUBJECTS = {
    DocumentType.OFFICIAL_LETTER: "V/v báo cáo kết quả thực hiện phong trào thi đua {period}",
    DocumentType.DECISION: "Về việc khen thưởng các tập thể, cá nhân có thành tích xuất sắc {period}",
    DocumentType.PLAN: "Kế hoạch tổ chức phong trào thi đua chuyên đề {period}",
    DocumentType.REPORT: "Báo cáo sơ kết công tác thi đua, khen thưởng {period}",
    DocumentType.NOTICE: "Thông báo kết luận của Lãnh đạo Bộ tại cuộc họp giao ban {period}",
    DocumentType.INVITATION: "Giấy mời dự Hội nghị tổng kết công tác thi đua, khen thưởng {period}",
}
SIGNERS = [("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Nguyễn Sinh Nhật Tân"), ("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Phan Thị Thắng"),
           ("TL. BỘ TRƯỞNG", "CHÁNH VĂN PHÒNG", "Lê Quang Hùng"), ("", "BỘ TRƯỞNG", "Nguyễn Hồng Diên")]


def generate_register(*, issuer: Unit, years: list[int], per_year: int, rng: random.Random) -> int:
    """``per_year`` issued documents of ``issuer`` in each of ``years``; return how many were written."""
    drafting = Unit.objects.filter(parent=issuer, short_name="VP").first()
    kinds = list(SUBJECTS)
    written = 0
    for year in years:
        planned = []
        for _ in range(per_year):
            doc_type = rng.choice(kinds)
            key = register_key(issuer=issuer, series="main", doc_type=doc_type)
            planned.append((doc_type, key))
        numbers: dict[str, int] = {}
        for key in {key for _, key in planned}:
            counter = RegisterCounter.objects.filter(issuer=issuer, year=year, series=key).first()
            numbers[key] = counter.last_number if counter else 0
        ids = take_ids(OfficialDocument, len(planned))
        rows, issuers, signers = [], [], []
        start = datetime.date(year, 1, 2)
        now = timezone.now()
        for position, (pk, (doc_type, key)) in enumerate(zip(ids, planned, strict=True)):
            numbers[key] += 1
            number = numbers[key]
            issued_on = start + datetime.timedelta(days=min(360, position * 360 // max(1, per_year)))
            abbreviation = TYPE_ABBREVIATIONS[doc_type]
            symbol = (f"{number:02d}/{issuer.short_name}-{drafting.short_name if drafting else 'VP'}"
                      if doc_type == DocumentType.OFFICIAL_LETTER else f"{number:02d}/{abbreviation}-{issuer.short_name}")
            subject = SUBJECTS[doc_type].format(period=f"tháng {issued_on.month} năm {year}")
            rows.append((pk, doc_type, DocumentStatus.ISSUED, subject, issuer.place_name, ["Như trên", "Lưu: VT, TĐKT"],
                         "VT, TĐKT", "main", key, number, symbol, year, issued_on, issuer.pk,
                         drafting.pk if drafting and doc_type == DocumentType.OFFICIAL_LETTER else None, now, now))
            issuers.append((pk, issuer.pk, 0))
            authority, title, name = SIGNERS[position % len(SIGNERS)]
            signers.append((pk, issuer.pk, authority.split(" ")[0] if authority else "", authority.partition(" ")[2], title, name, 0,
                            now))
        write(OfficialDocument, ["id", "doc_type", "status", "subject", "place_name", "recipients", "archive_note", "series",
                                 "register_key", "number", "symbol", "year", "issued_on", "lead_issuer_id", "drafting_unit_id",
                                 "created_at", "updated_at"], rows)
        write(DocumentIssuer, ["document_id", "unit_id", "order"], issuers)
        write(DocumentSigner, ["document_id", "unit_id", "authority", "authority_body", "title", "name", "order", "signed_at"], signers)
        for key, last in numbers.items():
            counter, _ = RegisterCounter.objects.get_or_create(issuer=issuer, year=year, series=key)
            if counter.last_number < last:
                counter.last_number = last
                counter.save(update_fields=["last_number"])
        written += len(rows)
    return written

