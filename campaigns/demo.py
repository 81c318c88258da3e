"""Demo campaigns: seed 000 (2020, joint), seed 001 (2021–2026), seed 004 (Bến Tre 2022), and 2026.

Idempotent: each campaign is found by its name; an existing one is left as it is.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from units.models import UnitKind

from .models import (
    Campaign,
    CampaignContent,
    CampaignIssuer,
    CampaignKind,
    CampaignScope,
    CampaignStatus,
    Indicator,
    IndicatorKind,
    PeriodType,
    ProgressReport,
    Registration,
    RegistrationStatus,
    ReportStatus,
    ReportValue,
    Target,
)
from .periods import Period

# the sector's usual indicators and those of Kế hoạch 483/KH-SCT.
INDICATORS = [
    ("iip", "Chỉ số sản xuất công nghiệp (IIP)", "%", IndicatorKind.PERCENTAGE),
    ("gtsx-cn", "Giá trị sản xuất công nghiệp - tiểu thủ công nghiệp (giá so sánh 2010)", "tỷ đồng", IndicatorKind.MONEY),
    ("ban-le", "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng", "tỷ đồng", IndicatorKind.MONEY),
    ("xuat-khau", "Kim ngạch xuất khẩu", "triệu USD", IndicatorKind.MONEY),
    ("nhap-khau", "Kim ngạch nhập khẩu", "triệu USD", IndicatorKind.MONEY),
    ("dien-thuong-pham", "Sản lượng điện thương phẩm", "triệu kWh", IndicatorKind.QUANTITY),
    ("dien-gio", "Công suất điện gió đưa vào vận hành thương mại", "MW", IndicatorKind.QUANTITY),
    ("dien-mat-troi", "Công suất điện mặt trời mái nhà mới", "MW", IndicatorKind.QUANTITY),
    ("ty-le-ho-co-dien", "Tỷ lệ hộ dân có điện", "%", IndicatorKind.PERCENTAGE),
    ("ccn-moi", "Cụm công nghiệp thành lập mới", "CCN", IndicatorKind.COUNT),
    ("cho-sieu-thi", "Chợ, siêu thị, trung tâm thương mại mới", "cơ sở", IndicatorKind.COUNT),
    ("sp-chu-luc", "Sản phẩm công nghiệp chủ lực được công nhận", "sản phẩm", IndicatorKind.COUNT),
    ("khuyen-cong", "Đề án khuyến công thực hiện", "đề án", IndicatorKind.COUNT),
    ("sang-kien", "Sáng kiến được công nhận", "sáng kiến", IndicatorKind.COUNT),
    ("de-an-kt-dem", "Đề án phát triển kinh tế ban đêm được phê duyệt", "", IndicatorKind.MILESTONE),
]

CONTENTS_2021 = [
    "Tiếp tục tuyên truyền, quán triệt, triển khai và tổ chức thực hiện tốt các chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước về thi đua, khen thưởng, tư tưởng thi đua yêu nước của Chủ tịch Hồ Chí Minh và Chỉ thị 34-CT/TW của Bộ Chính trị.",
    "Phát động và tổ chức các phong trào thi đua thiết thực, hiệu quả, bám sát định hướng phát triển ngành; tập trung vào đổi mới sáng tạo và chuyển đổi số nhằm nâng cao năng suất, chất lượng, hiệu quả và sức cạnh tranh.",
    "Tiếp tục phát động và hưởng ứng mạnh mẽ, sâu rộng các phong trào thi đua, bám sát nhiệm vụ chính trị, nhiệm vụ trọng tâm cấp bách, phù hợp với điều kiện thực tế của từng cơ quan, đơn vị.",
    "Tiếp tục làm tốt công tác quản lý nhà nước của ngành, phát huy tinh thần đổi mới, sáng tạo; kiện toàn bộ máy tinh gọn, hiệu lực, hiệu quả; đơn giản hóa thủ tục hành chính.",
    "Người đứng đầu và cán bộ chủ chốt phải gương mẫu, đi đầu trong các phong trào thi đua; gắn thi đua với phát hiện, bồi dưỡng nhân tố mới, nhân rộng điển hình tiên tiến.",
    "Phát huy tinh thần đoàn kết, tương thân tương ái, lao động sáng tạo, vượt qua khó khăn, thực hiện có hiệu quả công tác phòng, chống dịch Covid-19.",
]

BEN_TRE_TARGETS = [
    # indicator code, baseline (ước 2021, derived from the growth rates), target 2022, Q1..Q4 cumulative values
    ("gtsx-cn", Decimal("35397"), Decimal("38300"), [Decimal("8900"), Decimal("18600"), Decimal("28100"), Decimal("38650")]),
    ("dien-thuong-pham", Decimal("1788"), Decimal("1860"), [Decimal("440"), Decimal("905"), Decimal("1390"), Decimal("1872")]),
    ("dien-gio", None, Decimal("140"), [Decimal("30"), Decimal("58.5"), Decimal("98.6"), Decimal("146.2")]),
    ("ban-le", Decimal("49734"), Decimal("56000"), [Decimal("13100"), Decimal("26900"), Decimal("41000"), Decimal("55300")]),
    ("xuat-khau", Decimal("1248"), Decimal("1500"), [Decimal("360"), Decimal("745"), Decimal("1130"), Decimal("1524")]),
    ("nhap-khau", None, Decimal("800"), [Decimal("185"), Decimal("390"), Decimal("600"), Decimal("790")]),
    ("ccn-moi", None, Decimal("2"), [Decimal("0"), Decimal("1"), Decimal("1"), Decimal("2")]),
    ("de-an-kt-dem", None, None, [False, False, True, True]),
]


def seed_indicators(seeder) -> dict[str, Indicator]:
    found = {}
    for code, name, measure, kind in INDICATORS:
        indicator, created = Indicator.objects.get_or_create(
            code=code, defaults={"name": name, "unit_of_measure": measure, "kind": kind}
        )
        seeder._count("indicators", created)
        found[code] = indicator
    return found


def _campaign(seeder, *, name, issuers, contents, participants=(), indicators=(), **fields) -> tuple[Campaign, bool]:
    existing = Campaign.objects.filter(name=name).first()
    if existing is not None:
        return existing, False
    campaign = Campaign.objects.create(name=name, **fields)
    CampaignIssuer.objects.bulk_create([CampaignIssuer(campaign=campaign, unit=u, order=i) for i, u in enumerate(issuers)])
    CampaignContent.objects.bulk_create([CampaignContent(campaign=campaign, order=i, text=t) for i, t in enumerate(contents, 1)])
    campaign.participants.set(participants)
    campaign.indicators.set(indicators)
    seeder._count("campaigns", True)
    return campaign, True


def seed(seeder, units) -> None:
    from documents.demo import DIRECTIVE_CONTENTS, historic_directive_2020, historic_plan_483

    indicators = seed_indicators(seeder)
    provinces_so = [u for u in units.values() if u.is_active and u.kind == UnitKind.PROVINCIAL_DEPARTMENT]
    ministry_units = [units[c] for c in ("cuc-dl", "cuc-cn", "cuc-xnk", "cuc-xttm", "vu-khtc", "van-phong")]

    campaign_2020, _ = _campaign(
        seeder,
        name="Các phong trào thi đua yêu nước năm 2020 trong ngành Công Thương",
        issuers=[units["bct"], units["cdct"]],
        contents=DIRECTIVE_CONTENTS,
        participants=ministry_units,
        kind=CampaignKind.REGULAR,
        scope=CampaignScope.SECTOR,
        status=CampaignStatus.CLOSED,
        start_date=datetime.date(2020, 1, 2),
        end_date=datetime.date(2020, 12, 31),
        launch_document_type="directive",
        directive=historic_directive_2020(),
        objectives="Phấn đấu hoàn thành toàn diện kế hoạch 5 năm 2016 - 2020, chuẩn bị cho kế hoạch 5 năm 2021 - 2025.",
    )

    campaign_2021, _ = _campaign(
        seeder,
        name="Ngành Công Thương quyết tâm thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội năm 2021, giai đoạn 2021 - 2026",
        issuers=[units["bct"]],
        contents=CONTENTS_2021,
        participants=ministry_units + provinces_so,
        indicators=list(indicators.values()),
        kind=CampaignKind.THEMATIC,
        scope=CampaignScope.SECTOR,
        status=CampaignStatus.IN_PROGRESS,
        start_date=datetime.date(2021, 8, 30),
        end_date=datetime.date(2026, 12, 31),
        midterm_date=datetime.date(2023, 12, 15),
        final_date=datetime.date(2026, 12, 20),
        objectives="Thực hiện thắng lợi các mục tiêu cơ bản của Nghị quyết Đại hội Đảng toàn quốc lần thứ XIII trong ngành Công Thương.",
        planned_awards="Bằng khen của Bộ trưởng, Cờ thi đua của Bộ Công Thương, đề nghị khen thưởng cấp Nhà nước",
    )

    ben_tre = units["sct-ben-tre"]
    campaign_2022, created = _campaign(
        seeder,
        name="Phong trào thi đua “Đồng khởi mới” năm 2022",
        issuers=[ben_tre],
        contents=[
            "Thi đua xây dựng hệ thống chính trị trong sạch, vững mạnh.",
            "Thi đua thực hiện nhiệm vụ chuyên môn: hạ tầng khu, cụm công nghiệp; công nghiệp chế biến; xuất khẩu; hạ tầng thương mại; khuyến công, xúc tiến thương mại; năng lượng tái tạo.",
            "Thi đua thực hiện các nhiệm vụ, giải pháp phục hồi, phát triển kinh tế, phấn đấu đạt và vượt các chỉ tiêu kinh tế - xã hội năm 2022.",
        ],
        participants=[ben_tre],
        indicators=[indicators[code] for code, *_ in BEN_TRE_TARGETS],
        kind=CampaignKind.REGULAR,
        scope=CampaignScope.PROVINCE,
        status=CampaignStatus.FINAL_REVIEWED,
        start_date=datetime.date(2022, 1, 1),
        end_date=datetime.date(2022, 12, 31),
        registration_deadline=datetime.date(2022, 3, 31),
        parent=campaign_2021,
        directive=historic_plan_483(),
        objectives="Quán triệt Chỉ thị số 01-CT/TU ngày 17/10/2020 của Ban Thường vụ Tỉnh ủy về phát động Phong trào thi đua Đồng Khởi mới giai đoạn 2020 - 2025, tầm nhìn đến năm 2030.",
    )
    if created:
        _seed_ben_tre_progress(seeder, campaign_2022, ben_tre, indicators)
    _seed_ben_tre_directives(seeder, campaign_2022, units)

    campaign_2026, _ = _campaign(
        seeder,
        name="Phong trào thi đua “Ngành Công Thương về đích năm 2026”",
        issuers=[units["bct"]],
        contents=[
            "Hoàn thành vượt mức các chỉ tiêu sản xuất công nghiệp, thương mại, xuất nhập khẩu năm 2026.",
            "Đưa vào vận hành các dự án nguồn điện năng lượng tái tạo theo Quy hoạch điện VIII.",
            "Thành lập mới và lấp đầy các cụm công nghiệp; phát triển hạ tầng thương mại.",
        ],
        participants=provinces_so,
        indicators=[indicators[c] for c in ("dien-gio", "ccn-moi", "ban-le", "xuat-khau", "de-an-kt-dem")],
        kind=CampaignKind.REGULAR,
        scope=CampaignScope.SECTOR,
        status=CampaignStatus.IN_PROGRESS,
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2026, 12, 31),
        registration_deadline=datetime.date(2026, 12, 31),
        final_date=datetime.date(2026, 12, 20),
        parent=campaign_2021,
        objectives="Các đơn vị đăng ký chỉ tiêu thi đua năm 2026 và báo cáo tiến độ hằng quý.",
        planned_awards="Bằng khen của Bộ trưởng Bộ Công Thương; Cờ thi đua của Bộ Công Thương",
    )
    _seed_2026_progress(seeder, campaign_2026, units, indicators)
    _seed_covenant(seeder, campaign_2026, units)
    seed_draft(seeder, units, indicators)


# Illustrative only: no current scoring table of a cluster of the sector has been published.
COVENANT_CRITERIA_2026 = [
    ("Hoàn thành các chỉ tiêu kế hoạch được giao (sản xuất công nghiệp, thương mại, xuất khẩu)", Decimal("40")),
    ("Tổ chức, hưởng ứng các phong trào thi đua của Bộ Công Thương và của tỉnh", Decimal("20")),
    ("Cải cách hành chính, chuyển đổi số trong quản lý nhà nước ngành Công Thương", Decimal("20")),
    ("Xây dựng cơ quan, tổ chức đảng và đoàn thể trong sạch, vững mạnh", Decimal("10")),
    ("Tham gia hoạt động chung của Cụm, thông tin báo cáo đúng hạn", Decimal("10")),
]


def _seed_covenant(seeder, campaign, units) -> None:
    """Cụm VI's 2026 covenant, drafted by the cluster lead (Nghệ An) and signed so far by Nghệ An only."""
    from units.models import Cluster, User

    from .models import Covenant, CovenantCriterion, CovenantSignature, CovenantStatus

    cluster = Cluster.objects.filter(code="cum-vi-bac-trung-bo").first()
    lead_unit = units.get("sct-nghe-an")
    if cluster is None or lead_unit is None or Covenant.objects.filter(cluster=cluster, year=2026).exists():
        return
    lead_user = User.objects.filter(username="demo-cumtruong").first()
    covenant = Covenant.objects.create(
        cluster=cluster,
        year=2026,
        campaign=campaign,
        lead_unit=lead_unit,
        status=CovenantStatus.SIGNING,
        created_by=lead_user,
        content=(
            "Các Sở Công Thương thành viên Cụm thi đua số VI cùng giao ước thi đua năm 2026, phấn đấu hoàn thành "
            "vượt mức các chỉ tiêu được giao; cuối năm tự chấm điểm theo bảng tiêu chí, cụm trưởng xác nhận, "
            "Cụm bình xét, suy tôn đơn vị dẫn đầu. (Bảng tiêu chí là ví dụ minh họa; Cụm thống nhất bảng chính thức khi ký.)"
        ),
    )
    for order, (text, points) in enumerate(COVENANT_CRITERIA_2026, start=1):
        CovenantCriterion.objects.create(covenant=covenant, order=order, text=text, max_points=points)
    if lead_user is not None:
        CovenantSignature.objects.create(covenant=covenant, unit=lead_unit, signed_by=lead_user, signer_title="Giám đốc")
    seeder._count("covenants", True)


# Provinces other than Vĩnh Long (demo-so registers there in the browser): targets for 2026 and
# cumulative values for Q1..Q3; None means the quarter was not reported (the dashboard lists it overdue).
PROGRESS_2026 = {
    "sct-nghe-an": {"dien-gio": ("120", ["20", "55", None]), "ccn-moi": ("3", ["0", "1", None]), "xuat-khau": ("3600", ["820", "1750", None])},
    "sct-ha-tinh": {"dien-gio": ("90", ["15", "48", "96"]), "ban-le": ("62000", ["15800", "31500", "47900"])},
    "sct-thanh-hoa": {"ccn-moi": ("4", ["1", "2", "3"]), "ban-le": ("165000", ["39000", "80500", "122000"]), "xuat-khau": ("5800", ["1500", "3050", "4700"])},
    "sct-quang-tri": {"dien-gio": ("250", ["30", "70", "110"]), "ccn-moi": ("2", ["0", "0", "1"])},
    "sct-can-tho": {"ban-le": ("150000", ["36000", "74000", "113500"]), "xuat-khau": ("2400", ["560", "1200", "1850"])},
}


def _seed_2026_progress(seeder, campaign, units, indicators) -> None:
    for code, targets in PROGRESS_2026.items():
        unit = units.get(code)
        if unit is None or Registration.objects.filter(campaign=campaign, unit=unit).exists():
            continue
        registration = Registration.objects.create(
            campaign=campaign, unit=unit, status=RegistrationStatus.APPROVED, titles="Cờ thi đua của Bộ Công Thương"
        )
        created = {
            key: Target.objects.create(
                registration=registration, indicator=indicators[key], target_value=Decimal(target), deadline=datetime.date(2026, 12, 31)
            )
            for key, (target, _) in targets.items()
        }
        for quarter in (1, 2, 3):
            if all(values[quarter - 1] is None for _, values in targets.values()):
                continue
            report = ProgressReport.objects.create(
                registration=registration,
                period_type=PeriodType.QUARTER,
                period_index=quarter,
                year=2026,
                status=ReportStatus.ACCEPTED if quarter < 3 else ReportStatus.SUBMITTED,
                narrative=f"Kết quả thực hiện chỉ tiêu thi đua lũy kế đến hết quý {quarter}/2026.",
                due_date=Period(PeriodType.QUARTER, quarter, 2026).due_date,
                period_key=ProgressReport.key_for(PeriodType.QUARTER, quarter, 2026),
            )
            for key, (_, values) in targets.items():
                ReportValue.objects.create(report=report, target=created[key], value=Decimal(values[quarter - 1]))
            seeder._count("progress reports", True)
        seeder._count("registrations", True)


def seed_draft(seeder, units, indicators) -> None:
    """A draft the demo manager can launch: the launch creates its plan through documents."""
    _campaign(
        seeder,
        name="Phong trào thi đua đẩy mạnh chuyển đổi số ngành Công Thương năm 2027",
        issuers=[units["bct"]],
        contents=[
            "Số hóa toàn bộ hồ sơ thi đua, khen thưởng và báo cáo định kỳ của đơn vị.",
            "Mỗi đơn vị có ít nhất một sáng kiến chuyển đổi số được công nhận.",
            "Phát triển thương mại điện tử gắn với thương mại truyền thống.",
        ],
        participants=[u for u in units.values() if u.is_active and u.kind == UnitKind.PROVINCIAL_DEPARTMENT],
        indicators=[indicators[c] for c in ("sang-kien", "ban-le", "khuyen-cong")],
        kind=CampaignKind.THEMATIC,
        scope=CampaignScope.SECTOR,
        status=CampaignStatus.DRAFT,
        start_date=datetime.date(2027, 1, 1),
        end_date=datetime.date(2027, 12, 31),
        registration_deadline=datetime.date(2027, 3, 31),
        final_date=datetime.date(2027, 12, 20),
        legal_basis="Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\nCăn cứ Nghị định số 40/2025/NĐ-CP ngày 26 tháng 02 năm 2025 của Chính phủ;",
        objectives="Đẩy mạnh chuyển đổi số trong toàn ngành, nâng cao hiệu quả quản lý nhà nước.",
        planned_awards="Bằng khen của Bộ trưởng Bộ Công Thương",
    )


def _seed_ben_tre_progress(seeder, campaign, unit, indicators) -> None:
    registration = Registration.objects.create(
        campaign=campaign, unit=unit, status=RegistrationStatus.APPROVED, titles="Tập thể lao động xuất sắc"
    )
    targets = {}
    for code, baseline, target_value, _ in BEN_TRE_TARGETS:
        targets[code] = Target.objects.create(
            registration=registration,
            indicator=indicators[code],
            baseline=baseline,
            target_value=target_value,
            deadline=datetime.date(2022, 12, 31),
        )
    for quarter in range(1, 5):
        report = ProgressReport.objects.create(
            registration=registration,
            period_type=PeriodType.QUARTER,
            period_index=quarter,
            year=2022,
            status=ReportStatus.ACCEPTED,
            narrative=f"Báo cáo kết quả thực hiện phong trào thi đua “Đồng khởi mới” quý {quarter}/2022.",
            due_date=Period(PeriodType.QUARTER, quarter, 2022).due_date,
            period_key=ProgressReport.key_for(PeriodType.QUARTER, quarter, 2022),
        )
        for code, _baseline, _target, values in BEN_TRE_TARGETS:
            value = values[quarter - 1]
            if isinstance(value, bool):
                ReportValue.objects.create(report=report, target=targets[code], done=value)
            else:
                ReportValue.objects.create(report=report, target=targets[code], value=value)
        seeder._count("progress reports", True)


def _seed_ben_tre_directives(seeder, campaign, units) -> None:
    """What Kế hoạch 483/KH-SCT answers (seed 004): Chỉ thị 01-CT/TU of 17/10/2020 of the Tỉnh ủy and Công văn
    891/UBND-TH of 21/02/2022 of the UBND tỉnh, in Sở Công Thương Bến Tre's register of incoming documents
    (the day they arrived is not known: left blank, "nhập bổ sung"); the 2022 campaign was recorded after the fact."""
    from documents.models import IncomingDocument, Series
    from documents.numbering import register_next_number

    so, party, ubnd = units.get("sct-ben-tre"), units.get("tinh-uy-ben-tre"), units.get("ubnd-ben-tre")
    if not (so and party and ubnd) or campaign.parent_document_id:
        return
    rows = [
        (party, "Chỉ thị", "01-CT/TU", datetime.date(2020, 10, 17),
         "Về phát động Phong trào thi đua Đồng Khởi mới giai đoạn 2020 - 2025, tầm nhìn đến năm 2030"),
        (ubnd, "Công văn", "891/UBND-TH", datetime.date(2022, 2, 21), "Về việc thực hiện phong trào thi đua “Đồng Khởi mới” năm 2022"),
    ]
    implements = None
    for issuer, type_name, symbol, issued_on, subject in rows:
        found = IncomingDocument.objects.filter(receiving_unit=so, issuer=issuer, symbol=symbol, issued_on=issued_on).first()
        implements = found or IncomingDocument.objects.create(
            receiving_unit=so, issuer=issuer, symbol=symbol, issued_on=issued_on, type_name=type_name, subject=subject,
            implements=implements, year=issued_on.year, is_historical=True,
            incoming_number=register_next_number(issuer=so, year=issued_on.year, key=Series.INCOMING),
        )
        seeder._count("incoming documents", found is None)
    campaign.parent_document, campaign.is_historical = implements, True
    campaign.save(update_fields=["parent_document", "is_historical"])
