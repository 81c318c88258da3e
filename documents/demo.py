"""Demo documents: the 2020 joint directive (seed 000) and Bến Tre's Kế hoạch 483/KH-SCT (seed 004).

Both are recorded as issued with their real numbers, and their PDFs are rendered at once.
Idempotent: a document already present (same issuer, subject) is left as it is.
"""

from __future__ import annotations

import datetime

from .jobs import pdf_job_run
from .models import DocumentType, OfficialDocument, PdfJob, PdfJobState, SigningPosition
from .services import document_create, document_seed_issued

DIRECTIVE_SUBJECT = "Về tổ chức các phong trào thi đua yêu nước năm 2020 trong ngành Công Thương"
DIRECTIVE_CONTENTS = [
    "Triển khai tích cực Đề án và Kế hoạch cơ cấu lại các ngành công nghiệp song song với việc hoàn thiện cơ chế, chính sách để hỗ trợ sản xuất trong nước, phát triển công nghiệp hỗ trợ, tăng tỷ lệ nội địa hóa.",
    "Rà soát cơ chế, chính sách tác động đến công nghiệp của từng ngành, sản phẩm; rà soát, cân đối lại tổng thể cơ cấu các nguồn năng lượng và thực hiện các cơ chế chính sách, biện pháp để bảo đảm cho phát triển kinh tế - xã hội của đất nước bền vững.",
    "Bảo đảm cân đối xuất, nhập khẩu, đóng góp tích cực cho tăng trưởng. Tổ chức khai thác, tận dụng cơ hội từ các Hiệp định thương mại tự do (FTA); thực hiện tích cực Đề án “Tăng cường quản lý nhà nước về chống lẩn tránh biện pháp phòng vệ thương mại và gian lận xuất xứ”.",
    "Thúc đẩy sự phát triển và phát huy hiệu quả vai trò thị trường trong nước, ứng dụng mạnh mẽ công nghệ thông tin trong hoạt động thương mại, phát triển mạnh thương mại điện tử gắn kết với thương mại truyền thống; thực hiện hiệu quả xây dựng thương hiệu hàng Việt Nam và Cuộc vận động “Người Việt Nam ưu tiên dùng hàng Việt Nam”.",
    "Thực hiện đồng bộ và khai thác hiệu quả các FTA đã có hiệu lực; chú trọng nâng cao năng lực hội nhập quốc tế; tiếp tục vận động phê chuẩn Hiệp định EVFTA và Hiệp định IPA; đẩy nhanh việc ban hành các văn bản quy định chi tiết thi hành các Luật, Pháp lệnh, Nghị quyết có hiệu lực.",
    "Thực hiện nghiêm các chương trình, kế hoạch về cải cách hành chính; công khai, minh bạch hoạt động quản lý; thực hiện quyết liệt các giải pháp phòng chống tham nhũng, lãng phí, nâng cao hiệu quả công tác thanh tra, giải quyết khiếu nại, tố cáo.",
    "Thực hiện tốt Quy chế dân chủ ở cơ sở hướng tới tổ chức thành công Đại hội thi đua các cấp tiến tới Đại hội Thi đua yêu nước ngành Công Thương lần thứ III; xây dựng nền hành chính hiện đại, chuyên nghiệp, hiệu quả.",
    "Xây dựng kế hoạch và triển khai phong trào thi đua yêu nước gắn liền với các Nghị quyết, kế hoạch, chương trình của Đảng, Nhà nước, tổ chức Công đoàn chào mừng Đại hội đảng bộ các cấp tiến tới Đại hội Đại biểu toàn quốc lần thứ XIII của Đảng; chủ động phát hiện, bồi dưỡng, tổng kết, biểu dương khen thưởng kịp thời những tập thể, cá nhân tiêu biểu.",
    "Nâng cao nhận thức về vai trò, vị trí và tầm quan trọng của việc thực hiện các phong trào thi đua yêu nước trong toàn Ngành; cụ thể hóa mục tiêu thi đua thành chương trình hành động, có biện pháp phù hợp để tổ chức thực hiện được kết quả một cách thực chất.",
]

PLAN_SUBJECT = "Phát động phong trào thi đua “Đồng khởi mới” năm 2022"
PLAN_BODY = [
    {
        "heading": "I. MỤC ĐÍCH, YÊU CẦU",
        "text": "Quán triệt trong công chức, viên chức và người lao động nội dung cơ bản của Chỉ thị số 01-CT/TU ngày 17/10/2020 của Ban Thường vụ Tỉnh ủy về phát động Phong trào thi đua Đồng Khởi mới giai đoạn 2020 - 2025, tầm nhìn đến năm 2030 và Công văn số 891/UBND-TH ngày 21 tháng 02 năm 2022 của Ủy ban nhân dân tỉnh; tạo sự chuyển biến mạnh mẽ về tinh thần trách nhiệm, tư tưởng tiến công, tính kỷ luật, kỷ cương.",
    },
    {
        "heading": "II. NỘI DUNG THI ĐUA",
        "text": "1. Thi đua xây dựng hệ thống chính trị trong sạch, vững mạnh.\n2. Thi đua thực hiện nhiệm vụ chuyên môn. Phấn đấu thực hiện: giá trị sản xuất CN-TTCN năm 2022 đạt 38.300 tỷ đồng (giá so sánh 2010), tăng 8,2% so với ước thực hiện năm 2021; sản lượng điện thương phẩm đạt 1.860 triệu kWh, tăng 4%; có hơn 140 MW điện gió đưa vào khai thác thương mại; tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng đạt 56.000 tỷ đồng, tăng 12,6%; kim ngạch xuất khẩu đạt 1.500 triệu USD, tăng 20,2%; kim ngạch nhập khẩu đạt 800 triệu USD.",
    },
    {
        "heading": "III. NỘI DUNG ĐĂNG KÝ THI ĐUA CỦA SỞ NĂM 2022",
        "items": [
            "Hỗ trợ các nhà đầu tư hoàn thành, đưa vào vận hành các dự án điện gió với tổng công suất khoảng 140 MW.",
            "Phối hợp thu hút đầu tư và triển khai ít nhất 02 cụm công nghiệp mới trên địa bàn các huyện, thành phố.",
            "Xây dựng và hoàn thành Đề án phát triển kinh tế ban đêm.",
        ],
    },
    {
        "heading": "IV. TỔ CHỨC THỰC HIỆN",
        "text": "Các phòng, đơn vị trực thuộc căn cứ chức năng, nhiệm vụ và nội dung thi đua nêu trên xây dựng kế hoạch và tổ chức thực hiện; định kỳ báo cáo kết quả về Văn phòng Sở để tổng hợp; phát hiện, nhân rộng các điển hình tiên tiến, sáng kiến, kinh nghiệm, cách làm hay trong phong trào thi đua “Đồng khởi mới”.",
    },
]
PLAN_TARGETS = {
    "title": "CÁC CHỈ TIÊU CHỦ YẾU NĂM 2022",
    "headers": ["STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch 2022", "So với ước thực hiện 2021"],
    "rows": [
        ["1", "Giá trị sản xuất CN-TTCN (giá so sánh 2010)", "tỷ đồng", "38.300", "tăng 8,2%"],
        ["2", "Sản lượng điện thương phẩm", "triệu kWh", "1.860", "tăng 4%"],
        ["3", "Công suất điện gió đưa vào khai thác thương mại", "MW", "> 140", ""],
        ["4", "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng", "tỷ đồng", "56.000", "tăng 12,6%"],
        ["5", "Kim ngạch xuất khẩu", "triệu USD", "1.500", "tăng 20,2%"],
        ["6", "Kim ngạch nhập khẩu", "triệu USD", "800", ""],
    ],
    "landscape": False,
}


def _render_now(document: OfficialDocument) -> None:
    for job in PdfJob.objects.filter(document=document, state=PdfJobState.PENDING):
        pdf_job_run(job.pk)


def _seed_document(seeder, *, lead, number, issued_on, create_kwargs) -> OfficialDocument:
    existing = OfficialDocument.objects.filter(lead_issuer=lead, subject=create_kwargs["subject"]).first()
    if existing is not None:
        return existing
    document = document_create(actor=None, **create_kwargs)
    document = document_seed_issued(document=document, number=number, issued_on=issued_on)
    _render_now(document)
    seeder._count("documents", True)
    return document


# The demo leaders' signing positions (the accounts come from units.demo): the title printed under
# their signature comes from here, never from typing.
DEMO_POSITIONS = [
    ("demo-lanhdao", "bct", "", "", "Bộ trưởng"),
    ("demo-congdoan", "cdct", "TM.", "Ban Chấp hành", "Chủ tịch"),
    ("demo-so-lanhdao", "sct-vinh-long", "", "", "Giám đốc"),
]


def seed_positions(seeder, units) -> None:
    from units.models import User

    for username, unit_code, authority, authority_body, title in DEMO_POSITIONS:
        user = User.objects.filter(username=username).first()
        if user is None or unit_code not in units:
            continue
        _, created = SigningPosition.objects.get_or_create(
            user=user,
            unit=units[unit_code],
            defaults={"authority": authority, "authority_body": authority_body, "title": title},
        )
        seeder._count("signing positions", created)


def seed(seeder, units) -> None:
    seed_positions(seeder, units)
    bct, cdct, ben_tre = units["bct"], units["cdct"], units["sct-ben-tre"]
    _seed_document(
        seeder,
        lead=bct,
        number=1,
        issued_on=datetime.date(2020, 1, 2),
        create_kwargs={
            "doc_type": DocumentType.DIRECTIVE,
            "issuers": [bct, cdct],
            "subject": DIRECTIVE_SUBJECT,
            "body": [
                {
                    "text": "Năm 2020 có ý nghĩa đặc biệt quan trọng, là năm cuối thực hiện kế hoạch phát triển kinh tế - xã hội 5 năm 2016 - 2020. Để phấn đấu đạt các mục tiêu phát triển của năm 2020, Bộ trưởng Bộ Công Thương và Chủ tịch Công đoàn Công Thương Việt Nam chỉ thị các đơn vị trong toàn Ngành tổ chức các phong trào thi đua yêu nước với các nội dung sau:",
                    "items": DIRECTIVE_CONTENTS,
                },
                {
                    "heading": "Tổ chức thực hiện",
                    "text": "Thủ trưởng các đơn vị, Chủ tịch công đoàn các cấp trong Ngành có trách nhiệm phổ biến, quán triệt và tổ chức thực hiện Chỉ thị này; định kỳ báo cáo kết quả về Bộ Công Thương (qua Văn phòng Bộ) và Công đoàn Công Thương Việt Nam.",
                },
            ],
            "recipients": [
                "Ban Thi đua - Khen thưởng Trung ương",
                "Tổng Liên đoàn Lao động Việt Nam",
                "Các Thứ trưởng Bộ Công Thương",
                "Các đơn vị thuộc Bộ",
                "Sở Công Thương các tỉnh, thành phố",
                "Công đoàn các đơn vị trực thuộc",
            ],
            "archive_note": "VT, VP, CĐCT",
            "signers": [
                # Historical signers; the trade union chairman's name is illustrative.
                {"unit": bct, "authority": "", "title": "Bộ trưởng Bộ Công Thương", "name": "Trần Tuấn Anh"},
                {
                    "unit": cdct,
                    "authority": "TM.",
                    "authority_body": "Ban Chấp hành",
                    "title": "Chủ tịch",
                    "name": "Trần Quang Huy",
                },
            ],
        },
    )
    _seed_document(
        seeder,
        lead=ben_tre,
        number=483,
        # The source gives no date; 10/3/2022 is illustrative (the news item is of 25/3/2022).
        issued_on=datetime.date(2022, 3, 10),
        create_kwargs={
            "doc_type": DocumentType.PLAN,
            "issuers": [ben_tre],
            "subject": PLAN_SUBJECT,
            "legal_bases": [],
            "body": PLAN_BODY,
            "annexes": [PLAN_TARGETS],
            "recipients": ["Ủy ban nhân dân tỉnh (để báo cáo)", "Ban Thi đua - Khen thưởng tỉnh", "Các phòng, đơn vị thuộc Sở"],
            "archive_note": "VT, VP",
            # The director's name is illustrative.
            "signers": [{"unit": ben_tre, "authority": "", "title": "Giám đốc", "name": "Nguyễn Văn Minh"}],
        },
    )
