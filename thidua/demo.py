"""Demo hand-overs: at first login every demo account finds a next step in its to-do list.

Run last by ``seed_demo`` (``thidua`` is the last installed app), through the apps' own services, so each
item is in the state a real workflow leaves it: documents submitted for signature or signed and waiting
for a number, a dossier before the council with its secret ballot open, an account waiting for a role.
The documents are illustrative and say so on the screen (``source_note``), never on the paper.
Idempotent: what exists is left as it is.
"""

from __future__ import annotations

from django.contrib.auth.hashers import make_password

from awards.models import AwardKind, AwardRound, BallotBox, CouncilSession, Nomination, NominationStatus
from awards.services import agenda_add, ballot_open
from documents.models import DocumentStatus, DocumentType, OfficialDocument
from documents.services import document_create, document_sign, document_submit
from units.demo import DEMO_PASSWORD
from units.models import User

ILLUSTRATIVE = "Văn bản minh họa của dữ liệu demo: dùng để thử quy trình trình ký, ký và cấp số; không phải văn bản có thật."

LETTERS = [
    # (issuer code, subject, stop at, body)
    ("bct", "V/v đôn đốc báo cáo kết quả thực hiện phong trào thi đua năm 2026", DocumentStatus.SUBMITTED,
     "Bộ Công Thương đề nghị các đơn vị gửi báo cáo kết quả thực hiện các chỉ tiêu thi đua đã đăng ký năm 2026 "
     "qua hệ thống quản lý thi đua, khen thưởng, kèm minh chứng, đúng thời hạn của kỳ báo cáo."),
    ("bct", "V/v hướng dẫn lập hồ sơ đề nghị khen thưởng năm 2026", DocumentStatus.SIGNED,
     "Bộ Công Thương hướng dẫn các đơn vị lập hồ sơ đề nghị khen thưởng thành tích năm 2026 theo Điều 84 Luật Thi đua, "
     "khen thưởng: tờ trình, báo cáo thành tích, biên bản bình xét và văn bản công nhận sáng kiến (nếu có)."),
    ("sct-vinh-long", "V/v đăng ký thi đua năm 2027 của các phòng, Chi cục", DocumentStatus.SUBMITTED,
     "Sở Công Thương đề nghị các phòng, Chi cục đăng ký chỉ tiêu thi đua năm 2027 trên hệ thống trước ngày 31 tháng 3 năm 2027."),
    ("sct-vinh-long", "V/v báo cáo kết quả phong trào thi đua 11 tháng năm 2026", DocumentStatus.SIGNED,
     "Sở Công Thương báo cáo kết quả thực hiện phong trào thi đua của ngành Công Thương tỉnh Vĩnh Long 11 tháng năm 2026."),
]


def _users() -> dict[str, User]:
    return {u.username: u for u in User.objects.filter(username__startswith="demo-")}


def _letters(seeder, units, users) -> None:
    signers = {"bct": users.get("demo-lanhdao"), "sct-vinh-long": users.get("demo-so-lanhdao")}
    drafters = {"bct": users.get("demo-bo"), "sct-vinh-long": users.get("demo-so-lanhdao")}
    for code, subject, stop_at, text in LETTERS:
        issuer = units.get(code)
        if issuer is None or OfficialDocument.objects.filter(lead_issuer=issuer, subject=subject).exists():
            continue
        document = document_create(
            actor=drafters[code], doc_type=DocumentType.OFFICIAL_LETTER, issuers=[issuer], subject=subject,
            body=[{"text": text}], recipients=["Các đơn vị thuộc, trực thuộc"], signers=[{"unit": issuer}], source_note=ILLUSTRATIVE,
        )
        document_submit(document=document, actor=drafters[code])
        if stop_at == DocumentStatus.SIGNED:
            document_sign(document=document, actor=signers[code])
        seeder._count("documents", True)


def _joint_plan(seeder, units, users) -> None:
    """A joint plan of the Ministry and the trade union waiting for both leaders' signatures."""
    subject = "Kế hoạch phối hợp tổ chức phong trào thi đua năm 2027"
    bct, cdct = units.get("bct"), units.get("cdct")
    if bct is None or cdct is None or OfficialDocument.objects.filter(lead_issuer=bct, subject=subject).exists():
        return
    document = document_create(
        actor=users.get("demo-bo"), doc_type=DocumentType.PLAN, issuers=[bct, cdct], subject=subject,
        body=[{"heading": "I. MỤC ĐÍCH, YÊU CẦU", "text": "Phối hợp phát động, theo dõi và tổng kết phong trào thi đua năm 2027 trong toàn ngành."}],
        signers=[{"unit": bct}, {"unit": cdct}], source_note=ILLUSTRATIVE,
    )
    document_submit(document=document, actor=users.get("demo-bo"))
    seeder._count("documents", True)


def _open_ballot(seeder, units, users) -> None:
    """Sở Công Thương tỉnh Nghệ An's dossier for a Bằng khen before a session of its own, its secret ballot open
    (the walkthrough's session stays empty for the README's steps)."""
    import datetime

    main_session = CouncilSession.objects.filter(title="Phiên họp xét khen thưởng năm 2026").select_related("council").first()
    award_round = AwardRound.objects.filter(name="Xét khen thưởng thành tích năm 2026 của Bộ Công Thương").first()
    unit, secretary = units.get("sct-nghe-an"), users.get("demo-thuky")
    if not (main_session and award_round and unit and secretary):
        return
    session, _ = CouncilSession.objects.get_or_create(
        council=main_session.council, title="Phiên họp xét khen thưởng tháng 11 năm 2026", defaults={"held_on": datetime.date(2026, 11, 30)}
    )
    if BallotBox.objects.filter(session=session, nomination__unit=unit).exists():
        return
    nomination = Nomination.objects.create(
        round=award_round, proposing_unit=unit, unit=unit, award_kind=AwardKind.objects.get(code="bk-bo"),
        achievement="Dẫn đầu Cụm thi đua số VI năm 2026; hoàn thành vượt các chỉ tiêu thi đua đã đăng ký (dữ liệu minh họa).",
        status=NominationStatus.SUBMITTED, created_by=users.get("demo-nghean"),
    )
    box = agenda_add(session=session, actor=secretary, nomination=nomination)
    ballot_open(box=box, actor=secretary)
    seeder._count("open ballots", True)


def _account_waiting_for_a_role(seeder, units) -> None:
    _, created = User.objects.get_or_create(
        username="demo-moi",
        defaults={"full_name": "Vũ Minh Khoa", "email": "demo-moi@thidua.local", "unit": units.get("sct-vinh-long"),
                  "password": make_password(DEMO_PASSWORD)},
    )
    seeder._count("accounts", created)


def seed(seeder, units) -> None:
    users = _users()
    if "demo-lanhdao" not in users:
        return
    _letters(seeder, units, users)
    _joint_plan(seeder, units, users)
    _open_ballot(seeder, units, users)
    _account_waiting_for_a_role(seeder, units)
