"""Ready-made parts of documents whose wording the law fixes: an award decision, a council's minutes.

Each function returns keyword arguments for ``documents.services.document_create`` (legal bases,
body, annexes, signers, date). The callers (awards) supply the facts; nothing here invents one.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from units.models import User

from .models import AdvisoryBody
from .numbering import vietnamese_date


def money(amount: int | None) -> str:
    """38.300.000: Vietnamese thousands separator; an unknown amount stays blank, never guessed."""
    return f"{amount:,}".replace(",", ".") if amount is not None else ""


def award_decision(
    *,
    decider: str,
    award: str,
    achievement: str,
    legal_bases: Sequence[str],
    proposer: str,
    recipients_rows: Sequence[tuple[str, str, int | None]],
    executors: str,
) -> dict:
    """A decision that says "Tặng {award} …" with an annex listing each recipient and amount.

    ``legal_bases`` are the texts that give the power to decide (the decree on the issuer's functions,
    the Law, the decree detailing it); "Xét đề nghị của {proposer}" follows them. The council's vote
    is not a căn cứ. ``recipients_rows``: (tập thể/cá nhân, đơn vị, tiền thưởng in đồng or None).
    """
    count = len(recipients_rows)
    rows = [[str(index), name, unit, money(amount)] for index, (name, unit, amount) in enumerate(recipients_rows, start=1)]
    amounts = [amount for _, _, amount in recipients_rows]
    if amounts and all(amount is not None for amount in amounts):
        rows.append(["", "Tổng cộng", "", money(sum(amounts))])
    return {
        "legal_bases": [*legal_bases, f"Xét đề nghị của {proposer}"],
        "body": [
            {"heading": "Điều 1.", "text": f"Tặng {award} cho {count:02d} tập thể, cá nhân có tên tại Phụ lục kèm theo, {achievement}."},
            {
                "heading": "Điều 2.",
                "text": f"Các tập thể, cá nhân có tên tại Điều 1 được tặng {award} và tiền thưởng theo quy định; "
                "mức tiền thưởng của từng tập thể, cá nhân ghi tại Phụ lục kèm theo.",
            },
            {
                "heading": "Điều 3.",
                "text": f"Quyết định này có hiệu lực kể từ ngày ký. {executors} và các tập thể, cá nhân có tên tại Điều 1 "
                "chịu trách nhiệm thi hành Quyết định này.",
            },
        ],
        "annexes": [
            {
                "title": f"DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG {award.upper()}",
                "headers": ["STT", "Tập thể, cá nhân", "Đơn vị", "Tiền thưởng (đồng)"],
                "rows": rows,
            }
        ],
    }


def council_minutes(
    *,
    council: AdvisoryBody,
    held_on: datetime.date,
    place: str,
    chair: User,
    secretary: User,
    present: Sequence[str],
    agenda_rows: Sequence[Sequence[str]],
    headers: Sequence[str],
    started: str = "",
    ended: str = "",
) -> dict:
    """The biên bản of a council meeting: issued by the council, dated on the meeting day, signed by
    the chair (chủ tọa, on the right) and the secretary (thư ký, on the left). Counts only: never who
    voted how. ``started``/``ended``: the hours, only when recorded ("08 giờ 30")."""
    when = f"{started}, {vietnamese_date(held_on)}" if started else vietnamese_date(held_on)
    closing = f"Cuộc họp kết thúc vào {ended} cùng ngày." if ended else ""
    return {
        "dated_on": held_on,
        "body": [
            {"heading": "I. THỜI GIAN, ĐỊA ĐIỂM", "text": f"Thời gian: {when}.\nĐịa điểm: {place}."},
            {
                "heading": "II. THÀNH PHẦN",
                "text": f"Chủ trì (chủ tọa): {chair.get_full_name()}.\nThư ký: {secretary.get_full_name()}.\n"
                f"Thành viên Hội đồng có mặt: {', '.join(present)}.",
            },
            {
                "heading": "III. NỘI DUNG",
                "text": f"{council.name} xem xét {len(agenda_rows):02d} hồ sơ đề nghị khen thưởng và bỏ phiếu kín; kết quả kiểm phiếu "
                f"ghi tại Phụ lục kèm theo. Biên bản không ghi ý kiến của từng thành viên.\n{closing}".strip(),
            },
        ],
        "annexes": [{"title": "KẾT QUẢ BỎ PHIẾU KÍN", "headers": list(headers), "rows": [list(r) for r in agenda_rows], "landscape": True}],
        "signers": [
            {"unit": council.unit, "account": chair, "meeting_role": "Chủ tọa"},
            {"unit": council.unit, "account": secretary, "meeting_role": "Thư ký"},
        ],
    }
