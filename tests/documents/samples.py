"""One issued document of every type the app generates, built through the services (layout tests, PNGs)."""

from __future__ import annotations

import datetime

from documents.drafts import award_decision, council_minutes
from documents.models import DocumentType
from documents.numbering import council_body
from documents.services import document_create, document_issue, document_sign, document_submit
from tests.conftest import make_user
from tests.documents.factories import SigningPositionFactory
from tests.factories import UnitFactory
from units.models import Role, UnitKind

LONG = "Các đơn vị bám sát nhiệm vụ được giao, tổ chức thực hiện có hiệu quả các chỉ tiêu thi đua đã đăng ký. "


def _account(username, unit, full_name, title="", authority="", authority_body="", role=Role.SIGNER):
    user = make_user(username, unit, role)
    user.full_name = full_name
    user.save(update_fields=["full_name"])
    if title:
        SigningPositionFactory(user=user, unit=unit, title=title, authority=authority, authority_body=authority_body)
    return user


class Samples:
    """Units, accounts and a builder per document type. Call inside a test with the database."""

    def __init__(self):
        self.ministry = UnitFactory(code="bct", name="Bộ Công Thương", short_name="BCT", kind=UnitKind.MINISTRY, place_name="Hà Nội")
        self.union = UnitFactory(
            code="cdct", name="Công đoàn Công Thương Việt Nam", short_name="CĐCT", kind=UnitKind.TRADE_UNION,
            governing_body_name="Tổng Liên đoàn Lao động Việt Nam", place_name="Hà Nội",
        )
        ubnd = UnitFactory(code="ubnd-vinh-long", name="Ủy ban nhân dân tỉnh Vĩnh Long", kind=UnitKind.PROVINCE, place_name="Vĩnh Long")
        self.so = UnitFactory(
            code="sct-vinh-long", name="Sở Công Thương tỉnh Vĩnh Long", short_name="SCT", heading_name="Sở Công Thương",
            kind=UnitKind.PROVINCIAL_DEPARTMENT, parent=ubnd, place_name="Vĩnh Long",
        )
        self.office = UnitFactory(code="vl-vp", name="Văn phòng Sở", short_name="VP", parent=self.so, kind=UnitKind.OFFICE)
        hcm = UnitFactory(code="ubnd-hcm", name="Ủy ban nhân dân Thành phố Hồ Chí Minh", kind=UnitKind.PROVINCE, place_name="Thành phố Hồ Chí Minh")
        self.so_hcm = UnitFactory(
            code="sct-hcm", name="Sở Công Thương Thành phố Hồ Chí Minh", short_name="SCT", heading_name="Sở Công Thương",
            kind=UnitKind.PROVINCIAL_DEPARTMENT, parent=hcm, place_name="Thành phố Hồ Chí Minh",
        )
        self.minister = _account("bt", self.ministry, "Nguyễn Hồng Diên", "Bộ trưởng")
        self.deputy = _account("tt", self.ministry, "Trương Thanh Hoài", "Thứ trưởng", "KT.", "Bộ trưởng")
        self.chairman = _account("ct-cd", self.union, "Trần Văn Hùng", "Chủ tịch", "TM.", "Ban Chấp hành")
        self.director = _account("gd-vl", self.so, "Nguyễn Văn Hải", "Giám đốc")
        self.director_hcm = _account("gd-hcm", self.so_hcm, "Lê Văn Thắng", "Giám đốc")
        self.secretary = _account("tk", self.ministry, "Bùi Thanh Hương", role=Role.COUNCIL_SECRETARY)
        self.manager = make_user("ql", self.ministry, Role.CAMPAIGN_MANAGER)
        self.manager_vl = make_user("ql-vl", self.so, Role.CAMPAIGN_MANAGER)
        self.clerk = make_user("vt", self.ministry, Role.CLERK)
        self.clerk_vl = make_user("vt-vl", self.so, Role.CLERK)
        self.clerk_hcm = make_user("vt-hcm", self.so_hcm, Role.CLERK)

    def issue(self, document, signers, clerk, issued_on=None):
        document_submit(document=document, actor=self.manager if document.lead_issuer == self.ministry else self.manager_vl)
        for signer in signers:
            document = document_sign(document=document, actor=signer)
        return document_issue(document=document, actor=clerk, issued_on=issued_on)

    def _so_doc(self, doc_type, subject, body, **kwargs):
        params = {
            "actor": self.manager_vl, "doc_type": doc_type, "issuers": [self.so], "subject": subject, "body": body,
            "recipients": ["Ủy ban nhân dân tỉnh (để báo cáo)", "Các phòng, đơn vị thuộc Sở"], "signers": [{"unit": self.so}],
            "archive_note": "VT, VP",
        }
        params.update(kwargs)
        return self.issue(document_create(**params), [self.director], self.clerk_vl, datetime.date(2026, 2, 5))

    def plan(self):
        body = [{"heading": "I. MỤC ĐÍCH, YÊU CẦU", "text": LONG * 6}]
        body += [{"heading": f"{roman}. NỘI DUNG", "text": LONG * 8, "items": ["Thi đua hoàn thành chỉ tiêu.", "Thi đua cải cách hành chính."]} for roman in ("II", "III")]
        annex = {"title": "CHỈ TIÊU THI ĐUA NĂM 2026", "headers": ["STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch"], "rows": [["1", "Kim ngạch xuất khẩu", "triệu USD", "1.500"]]}
        return self._so_doc(DocumentType.PLAN, "Phát động phong trào thi đua năm 2026", body, annexes=[annex],
                            legal_bases=["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022", "Căn cứ Kế hoạch của Ủy ban nhân dân tỉnh"])

    def directive_joint(self):
        document = document_create(
            actor=self.manager, doc_type=DocumentType.DIRECTIVE, issuers=[self.ministry, self.union],
            subject="Về tổ chức các phong trào thi đua yêu nước năm 2026 trong ngành Công Thương",
            body=[{"text": LONG * 3, "items": ["Nội dung thi đua thứ nhất.", "Nội dung thi đua thứ hai."]}],
            recipients=["Ban Thi đua - Khen thưởng Trung ương", "Các đơn vị thuộc Bộ"], archive_note="VT, VP, CĐCT",
            signers=[{"unit": self.ministry}, {"unit": self.union}],
        )
        return self.issue(document, [self.minister, self.chairman], self.clerk, datetime.date(2026, 1, 2))

    def decision(self):
        parts = award_decision(
            decider="Bộ trưởng Bộ Công Thương",
            award="Bằng khen của Bộ trưởng Bộ Công Thương",
            achievement="đã có thành tích xuất sắc trong phong trào thi đua năm 2025",
            legal_bases=[
                "Căn cứ Nghị định số 40/2025/NĐ-CP ngày 26 tháng 02 năm 2025 của Chính phủ quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Công Thương",
                "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
                "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
            ],
            proposer="Hội đồng Thi đua - Khen thưởng Bộ Công Thương",
            recipients_rows=[(f"Tập thể số {i}", "Sở Công Thương tỉnh Vĩnh Long", 2_340_000 * (1 + i % 2)) for i in range(1, 31)],
            executors="Chánh Văn phòng Bộ, Thủ trưởng các đơn vị có liên quan",
        )
        document = document_create(actor=self.manager, doc_type=DocumentType.DECISION, issuers=[self.ministry],
                                   subject="Về việc tặng Bằng khen của Bộ trưởng Bộ Công Thương", signers=[{"unit": self.ministry}],
                                   recipients=["Như Điều 3", "Bộ trưởng (để báo cáo)"], archive_note="VT, VP", **parts)
        return self.issue(document, [self.deputy], self.clerk, datetime.date(2026, 3, 15))

    def minutes(self):
        body = council_body(self.ministry)
        parts = council_minutes(
            council=body, held_on=datetime.date(2026, 3, 10), place="Trụ sở Bộ Công Thương, 54 Hai Bà Trưng, Hà Nội",
            chair=self.minister, secretary=self.secretary, present=["Nguyễn Hồng Diên", "Bùi Thanh Hương", "Hoàng Minh Sơn"],
            agenda_rows=[["1", "Sở Công Thương tỉnh Vĩnh Long", "Cờ thi đua của Bộ Công Thương", "3", "0", "100,0 %", "3/3", "Thông qua"]],
            headers=["STT", "Đối tượng", "Danh hiệu, hình thức", "Đồng ý", "Không đồng ý", "Tỷ lệ", "Có mặt", "Kết quả"],
        )
        document = document_create(actor=self.secretary, doc_type=DocumentType.MINUTES, issuers=[self.ministry], advisory_body=body,
                                   subject="Họp Hội đồng Thi đua - Khen thưởng Bộ Công Thương xét khen thưởng năm 2025",
                                   recipients=["Các thành viên Hội đồng"], archive_note="VT, HĐTĐKT", **parts)
        document_submit(document=document, actor=self.secretary)
        document_sign(document=document, actor=self.secretary)
        document = document_sign(document=document, actor=self.minister)
        return document_issue(document=document, actor=self.clerk)

    def simple(self, doc_type, subject):
        return self._so_doc(doc_type, subject, [{"text": LONG * 4}, {"heading": "1. Nội dung", "text": LONG * 2}])

    def review_report(self):
        chart = [{"label": f"Sở Công Thương tỉnh số {i}", "width": 165 - i * 9, "text": f"{150 - i * 8} %"} for i in range(1, 9)]
        rows = [[str(i), f"Sở Công Thương tỉnh số {i}", "5", "4", "1", "0", f"{150 - i * 8},0"] for i in range(1, 9)]
        body = [
            {"heading": "I. KẾT QUẢ THỰC HIỆN", "text": LONG * 2},
            {"heading": "II. MỨC HOÀN THÀNH BÌNH QUÂN CỦA CÁC ĐƠN VỊ", "chart": chart, "caption": "Biểu đồ: % hoàn thành kế hoạch bình quân."},
            {"heading": "III. PHƯƠNG HƯỚNG", "text": LONG},
        ]
        annex = {"title": "KẾT QUẢ THỰC HIỆN CHỈ TIÊU THI ĐUA CỦA CÁC ĐƠN VỊ", "landscape": True, "rows": rows,
                 "headers": ["STT", "Đơn vị", "Số chỉ tiêu", "Đạt, vượt", "Chưa đạt", "Chưa báo cáo", "% bình quân"]}
        return self._so_doc(DocumentType.REPORT, "Tổng kết phong trào thi đua năm 2025", body, annexes=[annex])

    def letter(self):
        return self._so_doc(DocumentType.OFFICIAL_LETTER, "đề nghị báo cáo kết quả phong trào thi đua quý I năm 2026",
                            [{"text": LONG * 3}], recipients=["Các phòng, đơn vị thuộc Sở", "Ban Thi đua - Khen thưởng tỉnh"],
                            drafting_unit=self.office)

    def covenant(self):
        document = document_create(
            actor=self.manager, doc_type=DocumentType.COVENANT, issuers=[self.so, self.so_hcm],
            subject="Giao ước thi đua năm 2026 của Cụm thi đua các Sở Công Thương", body=[{"text": LONG * 2}],
            recipients=["Hội đồng Thi đua - Khen thưởng Bộ Công Thương"], signers=[{"unit": self.so}, {"unit": self.so_hcm}],
        )
        document_submit(document=document, actor=self.manager)
        document_sign(document=document, actor=self.director)
        document = document_sign(document=document, actor=self.director_hcm)
        return document_issue(document=document, actor=self.clerk_vl, issued_on=datetime.date(2026, 1, 8))

    def hcm_plan(self):
        document = document_create(actor=self.manager, doc_type=DocumentType.PLAN, issuers=[self.so_hcm], subject="Thi đua năm 2026",
                                   body=[{"text": LONG}], recipients=["Các phòng thuộc Sở"], signers=[{"unit": self.so_hcm}])
        return self.issue(document, [self.director_hcm], self.clerk_hcm, datetime.date(2026, 1, 9))

    def all(self) -> dict:
        return {
            "ke-hoach": self.plan(),
            "chi-thi-lien-tich": self.directive_joint(),
            "quyet-dinh": self.decision(),
            "bien-ban": self.minutes(),
            "huong-dan": self.simple(DocumentType.GUIDANCE, "Hướng dẫn đăng ký thi đua năm 2026"),
            "bao-cao-tong-ket": self.review_report(),
            "to-trinh": self.simple(DocumentType.SUBMISSION, "Đề nghị tặng Bằng khen của Bộ trưởng Bộ Công Thương"),
            "thong-bao": self.simple(DocumentType.NOTICE, "Kết quả bình xét thi đua năm 2025"),
            "giay-moi": self.simple(DocumentType.INVITATION, "Dự Hội nghị tổng kết phong trào thi đua năm 2025"),
            "cong-van": self.letter(),
            "giao-uoc": self.covenant(),
            "ke-hoach-hcm": self.hcm_plan(),
        }
