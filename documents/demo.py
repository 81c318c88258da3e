"""Demo documents: the 2020 joint directive (seed 000) and Bến Tre's Kế hoạch 483/KH-SCT (seed 004).

Both are rendered in full from their sources and recorded as issued with what the sources give:
the directive's date, the plan's number; nothing the sources do not give is printed (no invented
number, date, signer or recipient). ``source_note`` says so on the screen, never on the paper.
Their PDFs are rendered at once. Idempotent: a document already present (same issuer, subject) is
left as it is.
"""

from __future__ import annotations

import datetime

from .jobs import pdf_job_run
from .models import DocumentType, OfficialDocument, PdfJob, PdfJobState, SigningPosition
from .services import document_create, document_seed_issued

# Seed 000 (news of Công đoàn Công Thương Việt Nam): the joint directive of 02/01/2020, in full.
# The source gives its date and the titles of its two signers; it gives no number, no signers'
# names and no recipients, so the paper shows none of them.
DIRECTIVE_SUBJECT = "Về tổ chức các phong trào thi đua yêu nước"
DIRECTIVE_SOURCE = (
    "Nhập lại từ tin “Đẩy mạnh các phong trào thi đua yêu nước năm 2020 trong ngành Công Thương” "
    "(nguồn: Công đoàn Công Thương Việt Nam). Nguồn cho biết ngày ký (02/01/2020) và chức vụ hai người ký; "
    "nguồn không cho biết số, ký hiệu, họ tên người ký và nơi nhận nên văn bản không ghi."
)
DIRECTIVE_PREAMBLE = (
    "Năm 2020 có ý nghĩa đặc biệt quan trọng, năm cuối thực hiện kế hoạch phát triển kinh tế - xã hội 5 năm "
    "2016 - 2020, chuẩn bị và tạo đà cho kế hoạch 5 năm 2021 - 2025 và Chiến lược 10 năm 2021 – 2030. Trong khi "
    "đó, nền kinh tế nước ta tiếp tục hội nhập ngày càng sâu rộng cùng sự phát triển mạnh mẽ của cuộc Cách mạng "
    "công nghiệp 4.0 đã khiến nền kinh tế Việt Nam có những chuyển biến quyết liệt nhưng song hành với nó là những "
    "yếu tố bất định hơn từ môi trường kinh tế thế giới. Trước tình hình đó, nhiệm vụ của ngành Công Thương trong "
    "năm 2020 hết sức nặng nề, đòi hỏi toàn Ngành phải có những nỗ lực rất lớn nhằm đạt các mục tiêu cụ thể được "
    "Quốc hội và Chính phủ giao.\n"
    "Nhằm phấn đấu đạt các mục tiêu phát triển của năm 2020, Bộ trưởng Bộ Công Thương và Chủ tịch Công đoàn Công "
    "Thương Việt Nam chỉ thị về tổ chức các phong trào thi đua yêu nước với các nội dung:"
)
# The nine contents, word for word as the source gives them.
DIRECTIVE_CONTENTS = [
    "Triển khai tích cực Đề án và Kế hoạch cơ cấu lại các ngành công nghiệp song song với việc hoàn thiện cơ chế, chính sách để hỗ trợ sản xuất trong nước, phát triển công nghiệp hỗ trợ, tăng tỷ lệ nội địa hóa.",
    "Rà soát cơ chế, chính sách tác động đến công nghiệp của từng ngành, sản phẩm; Rà soát, cân đối lại tổng thể cơ cấu các nguồn năng lượng và thực hiện các cơ chế chính sách, biện pháp để bảo đảm cho phát triển kinh tế - xã hội của đất nước bền vững.",
    "Bảo đảm cân đối xuất, nhập khẩu, đóng góp tích cực cho tăng trưởng. Tổ chức khai thác, tận dụng cơ hội từ các Hiệp định thương mại tự do (FTA); thực hiện tích cực Đề án “Tăng cường quản lý nhà nước về chống lẩn tránh biện pháp phòng vệ thương mại và gian lận xuất xứ”.",
    "Thúc đẩy sự phát triển và phát huy hiệu quả vai trò thị trường trong nước, ứng dụng mạnh mẽ công nghệ thông tin trong hoạt động thương mại, phát triển mạnh thương mại điện tử gắn kết với thương mại truyền thống; Thực hiện hiệu quả xây dựng thương hiệu hàng Việt Nam và Cuộc vận động “Người Việt Nam ưu tiên dùng hàng Việt Nam”.",
    "Thực hiện đồng bộ và khai thác hiệu quả các FTA đã có hiệu lực; Chú trọng nâng cao năng lực hội nhập quốc tế; Tiếp tục vận động phê chuẩn Hiệp định EVFTA và Hiệp định IPA; Đẩy nhanh việc ban hành các văn bản quy định chi tiết thi hành các Luật, Pháp lệnh, Nghị quyết có hiệu lực tạo điều kiện thuận lợi nhằm huy động nhiều nguồn lực đầu tư; Chú trọng sửa đổi, bổ sung, ban hành mới văn bản quy phạm pháp luật phù hợp với cam kết quốc tế.",
    "Thực hiện nghiêm các chương trình, kế hoạch về cải cách hành chính; Công khai, minh bạch hoạt động quản lý; Thực hiện quyết liệt các giải pháp phòng chống tham nhũng, lãng phí, nâng cao hiệu quả công tác thanh tra, giải quyết khiếu nại, tố cáo; Tăng cường tiếp xúc, đối thoại về cơ chế, chính sách gắn với sản xuất kinh doanh và đời sống nhân dân.",
    "Thực hiện tốt Quy chế dân chủ ở cơ sở hướng tới tổ chức thành công Đại hội thi đua các cấp tiến tới Đại hội Thi đua yêu nước ngành Công Thương lần thứ III; Xây dựng nền hành chính hiện đại, chuyên nghiệp, hiệu quả.",
    "Xây dựng kế hoạch và triển khai phong trào thi đua yêu nước gắn liền với các Nghị quyết, kế hoạch, chương trình của Đảng, Nhà nước, tổ chức Công đoàn chào mừng Đại hội đảng bộ các cấp tiến tới Đại hội Đại biểu toàn quốc lần thứ XIII của Đảng vào năm 2021; Tiếp tục hưởng ứng, tham gia các phong trào thi đua; Chủ động phát hiện, bồi dưỡng, tổng kết, biểu dương khen thưởng kịp thời những tập thể, cá nhân tiêu biểu có thành tích đặc biệt xuất sắc trong các phong trào thi đua và nhân rộng các điển hình tiên tiến.",
    "Nâng cao nhận thức về vai trò, vị trí và tầm quan trọng của việc thực hiện các phong trào thi đua yêu nước trong toàn Ngành; cụ thể hóa mục tiêu thi đua thành chương trình hành động, có biện pháp phù hợp để tổ chức thực hiện được kết quả một cách thực chất, góp phần hoàn thành toàn diện kế hoạch 5 năm giai đoạn 2016 - 2020 mà Đảng, Quốc hội, Chính phủ đã giao cho ngành Công Thương.",
]

# Seed 004 (news of Sở Công Thương Bến Tre, 25/03/2022): Kế hoạch 483/KH-SCT, every paragraph.
# The source gives the number; it gives no date (the plan cites a letter of 21/02/2022 and was
# reported on 25/03/2022, so only the year is known), no signer and no recipients.
PLAN_SUBJECT = "Phát động phong trào thi đua “Đồng khởi mới” năm 2022"
PLAN_SOURCE = (
    "Nhập lại từ tin “Triển khai thực hiện phong trào thi đua “Đồng khởi mới” năm 2022” (nguồn: Văn phòng Sở "
    "Công Thương Bến Tre, cập nhật 25/03/2022). Nguồn cho biết số 483/KH-SCT; không cho biết ngày, tháng ký, "
    "người ký và nơi nhận nên văn bản không ghi. Sửa lỗi gõ của nguồn: “mớigiai”, “thương mai”, “phốl”, "
    "“phong trao”, “pháp, luật”."
)
PLAN_BODY = [
    {
        "heading": "I. MỤC ĐÍCH, YÊU CẦU",
        "text": "Nhằm quán triệt trong công chức, viên chức và người lao động trong cơ quan nội dung cơ bản của Chỉ thị số 01-CT/TU, ngày 17/10/2020 của Ban Thường vụ Tỉnh ủy về phát động Phong trào thi đua Đồng Khởi mới giai đoạn 2020 - 2025, tầm nhìn đến năm 2030 (gọi tắt là Chỉ thị 01); và ý kiến chỉ đạo của UBND tỉnh tại Công văn số 891/UBND-TH, ngày 21 tháng 02 năm 2022 của Ủy ban nhân dân tỉnh về việc thực hiện phong trào thi đua “Đồng Khởi mới” năm 2022. Qua đó, tạo sự chuyển biến mạnh mẽ về tinh thần trách nhiệm, tư tưởng tiến công, tính kỷ luật, kỷ cương trong thực hiện nhiệm vụ; góp phần thực hiện nhiệm vụ chính trị của ngành.\n"
        "Tổ chức phong trào thi đua “Đồng Khởi mới” gắn với thực hiện nhiệm vụ chính trị được giao, có sự phối kết hợp chặt chẽ với thực hiện phong trào thi đua thường xuyên hàng năm và triển khai sâu rộng đến toàn thể đảng viên, quần chúng. Phát hiện, nhân rộng các điển hình tiên tiến, sáng kiến, kinh nghiệm, cách làm hay trong phong trào thi đua “Đồng Khởi mới”, biểu dương, khen thưởng các tập thể và các gương điển hình tiên tiến, tiêu biểu trong đơn vị.",
    },
    {"heading": "II. NỘI DUNG THI ĐUA"},
    {
        "heading": "1. Thi đua xây dựng hệ thống chính trị trong sạch, vững mạnh",
        "text": "Tiếp tục thi đua thực hiện Nghị quyết Trung ương 4 khóa XI, XII và đẩy mạnh việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh và thực hiện chuyên đề năm 2022 về phát huy trách nhiệm nêu gương của cán bộ, đảng viên; khơi dậy ý chí tự lực, tự cường, khát vọng vươn lên, xây dựng tỉnh Bến Tre phát triển nhanh, bền vững, sánh vai với các tỉnh trong khu vực và cả nước;\n"
        "Thi đua xây dựng hệ thống chính trị trong sạch, vững mạnh, xây dựng bộ máy hành chính Nhà nước năng động, hiệu lực, hiệu quả;\n"
        "Đẩy mạnh cải cách thủ tục hành chính, nâng cao tinh thần trách nhiệm, chất lượng phục vụ Nhân dân của cán bộ, công chức, viên chức trong thực thi công vụ;\n"
        "Đẩy mạnh ứng dụng số trong hoạt động của hệ thống chính trị và xây dựng chính quyền số;",
    },
    {
        "heading": "2. Thi đua thực hiện nhiệm vụ chuyên môn",
        "text": "Tập trung hoàn chỉnh hạ tầng các khu, cụm công nghiệp; đẩy mạnh phát triển sản xuất công nghiệp theo hướng nâng cao hiệu quả, khả năng cạnh tranh của doanh nghiệp; chú trọng phát triển ngành công nghiệp chế biến trên cơ sở liên kết với ngành nông nghiệp nhằm khai thác, sử dụng triệt để và có hiệu quả nguồn nguyên liệu từ nông nghiệp.\n"
        "Nâng cao chất lượng xuất khẩu theo hướng gia tăng tỷ trọng xuất khẩu hàng hóa có hàm lượng chế biến sâu, công nghệ cao gắn với mở rộng quy mô xuất khẩu nhằm khai thác có hiệu quả các hiệp định thương mại tự do đã ký kết; mở rộng thị trường xuất khẩu đối với các mặt hàng chủ lực của tỉnh.\n"
        "Tiếp tục kêu gọi, thu hút đầu tư hệ thống hạ tầng thương mại, xây dựng các chợ, siêu thị, trung tâm thương mại, trung tâm mua sắm; thực hiện đa dạng hình thức quản lý chợ; phát triển hệ thống phân phối hàng hóa hiện đại như: trung tâm thương mại, trung tâm mua sắm, siêu thị, cửa hàng tiện ích kết hợp với việc duy trì, phát triển các chợ truyền thống phục vụ dân cư nông thôn.\n"
        "Đẩy mạnh hoạt động khuyến công nhằm khuyến khích các thành phần kinh tế đầu tư đổi mới thiết bị, tiến hành hiện đại hóa từng phần, từng công đoạn trong dây chuyền sản xuất nhằm giảm tiêu hao năng lượng, giảm phát thải khí nhà kính trong sản xuất và bảo vệ môi trường. Nâng cao hiệu quả hoạt động xúc tiến thương mại; tổ chức, giới thiệu và làm đầu mối cho các doanh nghiệp tham gia các diễn đàn, hội thảo, khảo sát thị trường, hội chợ triển lãm trong và ngoài nước; hoàn thiện và phát triển hệ thống thông tin thị trường, ứng dụng công nghệ thông tin trong việc thu thập và cung cấp thông tin chuyên sâu về thị trường trong nước và quốc tế; tăng cường các hoạt động kết nối tạo điều kiện cho các doanh nghiệp giữ ổn định thị trường truyền thống, mở rộng và thâm nhập thị trường mới.\n"
        "Phát triển hạ tầng điện đồng bộ với nhu cầu phát triển kinh tế xã hội của tỉnh, đảm bảo được nhu cầu điện phục vụ cho sản xuất và sinh hoạt. Khai thác hiệu quả các nguồn năng lượng tái tạo trên địa bàn tỉnh như điện gió, điện mặt trời, điện khí.\n"
        "Thi đua thực hiện tốt các nhiệm vụ, giải pháp phục hồi, phát triển kinh tế; vừa phòng, chống, kiểm soát hiệu quả dịch bệnh Covid-19 theo hướng thích ứng an toàn, linh hoạt; phấn đấu thực hiện đạt và vượt các chỉ tiêu kinh tế - xã hội. Phấn đấu thực hiện: giá trị sản xuất CN-TTCN năm 2022 đạt 38.300 tỷ đồng (giá so sánh 2010), tăng 8,2% so với ước thực hiện năm 2021; sản lượng điện thương phẩm ước thực hiện đạt 1.860 triệu kWh, tăng 4% so với ước thực hiện năm 2021; có hơn 140 MW điện gió đưa vào khai thác thương mại; tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng đạt 56.000 tỉ đồng, tăng 12,6% so ước thực hiện năm 2021; kim ngạch xuất khẩu đạt 1.500 triệu USD, tăng 20,2% so với ước thực hiện năm 2021; kim ngạch nhập khẩu đạt 800 triệu USD.",
    },
    {
        "heading": "III. NỘI DUNG ĐĂNG KÝ THI ĐUA CỦA SỞ NĂM 2022",
        "text": "Sở đăng ký ba nội dung thi đua trong năm 2022:",
        "items": [
            "Hỗ trợ các nhà đầu tư hoàn thành, đưa vào vận hành các dự án điện gió với tổng công suất khoảng 140 MW;",
            "Phối hợp thu hút đầu tư và triển khai ít nhất 02 CCN mới trên địa bàn các huyện, thành phố;",
            "Xây dựng và hoàn thành Đề án phát triển kinh tế ban đêm.",
        ],
    },
    {
        "heading": "IV. BIỆN PHÁP THỰC HIỆN",
        "text": "Để triển khai thực hiện phong trào thi đua, tập trung thực hiện các biện pháp thực hiện phong trào thi đua:\n"
        "Xây dựng kế hoạch phát động và tổ chức thực hiện phong trào thi đua: Các phòng, đơn vị trực thuộc căn cứ chức năng, nhiệm vụ và nội dung thi đua nêu trên để thực hiện phong trào thi đua.\n"
        "Tiếp tục quán triệt, triển khai và tổ chức thực hiện các chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước về thi đua, khen thưởng như: Chỉ thị số 34-CT/TW ngày 07 tháng 4 năm 2014 của Bộ Chính trị (khóa XI), Luật Thi đua, Khen thưởng và các văn bản hướng dẫn thi hành. Tăng cường sự lãnh đạo của cấp ủy, chính quyền, đề cao vai trò của người đứng đầu và Hội đồng thi đua - khen thưởng cơ quan, đơn vị trong việc phát động, tổ chức các phong trào thi đua yêu nước. Đẩy mạnh công tác thông tin, tuyên truyền các phong trào thi đua yêu nước và công tác khen thưởng để tạo sự lan tỏa, thúc đẩy phong trào thi đua phát triển. Nâng cao chất lượng công tác khen thưởng, đảm bảo kịp thời, công khai, minh bạch, đúng người, đúng việc, đúng thành tích; chú trọng khen thưởng người trực tiếp lao động, công nhân. Việc khen thưởng phải phản ánh đúng kết quả phong trào thi đua, qua đó, phát hiện, xây dựng, bồi dưỡng, biểu dương, khen thưởng và nhân rộng các gương điển hình tiên tiến.",
    },
]


def _render_now(document: OfficialDocument) -> None:
    for job in PdfJob.objects.filter(document=document, state=PdfJobState.PENDING):
        pdf_job_run(job.pk)


def _seed_document(seeder, *, lead, number, issued_on, year=None, create_kwargs) -> OfficialDocument:
    existing = OfficialDocument.objects.filter(lead_issuer=lead, subject=create_kwargs["subject"]).first()
    if existing is not None:
        return existing
    document = document_create(actor=None, **create_kwargs)
    document = document_seed_issued(document=document, number=number, issued_on=issued_on, year=year)
    _render_now(document)
    seeder._count("documents", True)
    return document


def historic_directive_2020():
    """The seed-000 directive, as recorded by ``seed`` (campaigns link their 2020 campaign to it)."""
    return OfficialDocument.objects.filter(subject=DIRECTIVE_SUBJECT, year=2020, doc_type=DocumentType.DIRECTIVE).first()


def historic_plan_483():
    return OfficialDocument.objects.filter(symbol="483/KH-SCT", year=2022).first()


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
        number=None,
        issued_on=datetime.date(2020, 1, 2),
        create_kwargs={
            "doc_type": DocumentType.DIRECTIVE,
            "issuers": [bct, cdct],
            "subject": DIRECTIVE_SUBJECT,
            "body": [{"text": DIRECTIVE_PREAMBLE, "items": DIRECTIVE_CONTENTS}],
            "source_note": DIRECTIVE_SOURCE,
            # The source names the signers' offices only ("Bộ trưởng Công Thương và Chủ tịch Công đoàn
            # Công Thương Việt Nam"); the union's chair signs for its executive committee (TM.).
            "signers": [
                {"unit": bct, "title": "Bộ trưởng"},
                {"unit": cdct, "authority": "TM.", "authority_body": "Ban Chấp hành", "title": "Chủ tịch"},
            ],
        },
    )
    _seed_document(
        seeder,
        lead=ben_tre,
        number=483,
        issued_on=None,
        year=2022,
        create_kwargs={
            "doc_type": DocumentType.PLAN,
            "issuers": [ben_tre],
            "subject": PLAN_SUBJECT,
            "body": PLAN_BODY,
            "source_note": PLAN_SOURCE,
        },
    )
