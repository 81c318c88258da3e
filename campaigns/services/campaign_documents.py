"""The launch plan and the review report of a campaign, written as official documents from its data."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError

from units.models import UnitKind

from ..models import Campaign
from ..periods import REPORT_GRACE_DAYS

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]


def launch_document_body(campaign: Campaign) -> list[dict]:
    """Sections numbered I, II, III… in order, whichever of them the campaign has."""
    body = []
    if campaign.objectives:
        body.append({"heading": "MỤC ĐÍCH, YÊU CẦU", "text": campaign.objectives})
    body.append({"heading": "NỘI DUNG THI ĐUA", "items": [c.text for c in campaign.contents.all()]})
    if campaign.criteria:
        body.append({"heading": "TIÊU CHÍ THI ĐUA", "text": campaign.criteria})
    timetable = [f"Thời gian thực hiện: từ {campaign.start_date:%d/%m/%Y} đến {campaign.end_date:%d/%m/%Y}."]
    if campaign.registration_deadline:
        timetable.append(f"Các đơn vị đăng ký thi đua trước ngày {campaign.registration_deadline:%d/%m/%Y}.")
    timetable.append(
        f"Chế độ báo cáo: {campaign.get_report_period_display().lower()}; báo cáo gửi chậm nhất {REPORT_GRACE_DAYS} ngày "
        "sau khi kết thúc kỳ, qua hệ thống quản lý thi đua, khen thưởng, kèm minh chứng."
    )
    if campaign.midterm_date:
        timetable.append(f"Sơ kết: {campaign.midterm_date:%d/%m/%Y}.")
    if campaign.final_date:
        timetable.append(f"Tổng kết: {campaign.final_date:%d/%m/%Y}.")
    if campaign.planned_awards:
        timetable.append(f"Hình thức khen thưởng: {campaign.planned_awards}.")
    body.append({"heading": "TỔ CHỨC THỰC HIỆN", "text": "\n".join(timetable)})
    for number, section in zip(ROMAN, body, strict=False):
        section["heading"] = f"{number}. {section['heading']}"
    return body


def signature_blocks(issuers, signer=None) -> list[dict]:
    """One block per issuer (a joint document is signed by each, the lead first). Nobody types a title or a
    name: the block prints the position and full name of the account that signs (``documents.document_sign``).
    ``signer``, a signing position of the lead issuer, gives the lead's block to that account; the draft shows it."""
    blocks = [{"unit": unit} for unit in issuers]
    if signer is not None:
        if signer.unit_id != issuers[0].pk or not signer.is_active:
            raise ValidationError("Người ký phải có chức vụ ký của cơ quan chủ trì.", code="signer")
        blocks[0].update(
            account=signer.user, title=signer.title, name=signer.user.get_full_name(),
            authority=signer.authority, authority_body=signer.authority_body,
        )
    return blocks


def recipients(campaign: Campaign) -> list[str]:
    """'Nơi nhận' as officials write it: the Sở of every province in one line when there are many."""
    units = list(campaign.participants.order_by("name"))
    provincial = [u for u in units if u.kind == UnitKind.PROVINCIAL_DEPARTMENT]
    others = [u.name for u in units if u.kind != UnitKind.PROVINCIAL_DEPARTMENT]
    lines = others if len(others) <= 10 else ["Các cơ quan, đơn vị tham gia phong trào"]
    if len(provincial) > 5:
        lines.append("Sở Công Thương các tỉnh, thành phố trực thuộc Trung ương")
    else:
        lines += [u.name for u in provincial]
    return lines


def launch_annexes(campaign: Campaign) -> list[dict]:
    """The indicators the campaign asks units to register, as an annex table of the directive or plan."""
    indicators = list(campaign.indicators.order_by("name"))
    if not indicators:
        return []
    return [
        {
            "title": "DANH MỤC CHỈ TIÊU THI ĐUA ĐỀ NGHỊ CÁC ĐƠN VỊ ĐĂNG KÝ",
            "headers": ["STT", "Chỉ tiêu", "Đơn vị tính", "Loại chỉ tiêu", "Chiều đánh giá"],
            "rows": [
                [str(index), indicator.name, indicator.unit_of_measure or "—", indicator.get_kind_display(), indicator.direction_label]
                for index, indicator in enumerate(indicators, start=1)
            ],
            "landscape": False,
        }
    ]


def review_document(*, campaign: Campaign, rows, summary: dict, final: bool, status_labels: dict) -> dict:
    """The subject, body and annex of the Báo cáo sơ kết / tổng kết, from the dashboard's rows."""
    label = "tổng kết" if final else "sơ kết"
    counts = "; ".join(f"{status_labels[key].lower()}: {value}" for key, value in summary["counts"].items())
    chart = [
        {
            "label": row.unit.label,
            "width": int(min(row.average_percent or 0, 150) * Decimal("1.1")),
            "text": _percent(row.average_percent) + " %" if row.average_percent is not None else "chưa báo cáo",
        }
        for row in rows[:25]
    ]
    if campaign.name.lower().startswith("phong trào"):
        subject = f"{label.capitalize()} {campaign.name[0].lower()}{campaign.name[1:]}"
    else:
        subject = f"{label.capitalize()} phong trào thi đua “{campaign.name}”"
    return {
        "subject": subject,
        "body": [
            {
                "heading": "I. KẾT QUẢ THỰC HIỆN",
                "text": f"{summary['units']} đơn vị đăng ký {summary['targets']} chỉ tiêu thi đua. Kết quả: {counts}.",
            },
            {"heading": "II. MỨC HOÀN THÀNH BÌNH QUÂN CỦA CÁC ĐƠN VỊ", "chart": chart, "caption": "Biểu đồ: % hoàn thành kế hoạch bình quân (tối đa 25 đơn vị dẫn đầu)."},
            {
                "heading": "III. ĐƠN VỊ DẪN ĐẦU",
                "items": [f"{row.unit.label}: bình quân {_percent(row.average_percent)} % kế hoạch" for row in rows[:5] if row.average_percent is not None],
            },
            {"heading": "IV. PHƯƠNG HƯỚNG", "text": "Tiếp tục đôn đốc các đơn vị hoàn thành các chỉ tiêu còn chưa đạt; đề nghị khen thưởng các tập thể tiêu biểu."},
        ],
        "annexes": [
            {
                "title": f"KẾT QUẢ THỰC HIỆN CHỈ TIÊU THI ĐUA CỦA CÁC ĐƠN VỊ ({label.upper()})",
                "headers": ["STT", "Đơn vị", "Số chỉ tiêu", "Đạt, vượt", "Chưa đạt", "Chưa báo cáo", "% bình quân"],
                "rows": [
                    [str(index), row.unit.label, str(len(row.targets)), str(row.achieved), str(row.behind), str(row.not_reported),
                     _percent(row.average_percent) if row.average_percent is not None else "—"]
                    for index, row in enumerate(rows, start=1)
                ],
                "landscape": True,
            }
        ],
        "recipients": recipients(campaign),
    }


def _percent(value) -> str:
    return f"{value:.1f}".replace(".", ",")
