"""Set-up of awards in the app: councils with their rules of procedure, the catalogue (a Sở's own title decided
by the provincial chair), editing rounds, and a sudden round from nomination to decision."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards import policies
from awards import selectors as sel
from awards import services as svc
from awards.models import AwardKind, AwardRound, AwardRule, Council, CouncilSession, NominationStatus, RoundKind
from common.policies import allowed
from tests.conftest import make_user
from tests.factories import PersonFactory, UnitFactory
from units.models import AuditEvent, Role, UnitKind

from .conftest import PDF, nominate

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


@pytest.fixture
def so(province_pair):
    return province_pair["vinh-long"]


@pytest.fixture
def so_people(so):
    division = UnitFactory(code="sct-vl-qlcn", name="Phòng Quản lý công nghiệp", kind=UnitKind.DIVISION, parent=so)
    return {
        "manager": make_user("so-ql", so, Role.CAMPAIGN_MANAGER),
        "director": make_user("so-gd", so, Role.SIGNER),
        "deputy": make_user("so-pgd", so, None),
        "head": make_user("so-tp", division, None),
        "clerk": make_user("so-vt", so, Role.CLERK),
    }


@pytest.fixture
def so_council(so, so_people):
    p = so_people
    return svc.council_create(
        actor=p["manager"], unit=so, name="Hội đồng Thi đua - Khen thưởng Sở Công Thương tỉnh Vĩnh Long",
        chair=p["director"], secretary=p["clerk"], members=[p["director"], p["deputy"], p["head"]],
    )


def council_kwargs(p, **overrides):
    return {"name": "Hội đồng", "chair": p["director"], "secretary": p["clerk"], "members": [p["director"], p["deputy"], p["head"]], **overrides}


# --- Councils -------------------------------------------------------------------------------------


def test_so_manager_sets_up_its_council(so_council, so_people, so):
    assert so_council.unit == so and set(so_council.members.all()) == {so_people["director"], so_people["deputy"], so_people["head"]}
    event = AuditEvent.objects.get(action="council_create")
    assert "chủ tịch" in event.summary and event.unit == so
    assert list(sel.round_units(so_people["manager"])) == [so]  # a round can now be opened there


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"members": []}, "ít nhất 03 thành viên"),
        ({"chair": "clerk"}, "Chủ tịch Hội đồng phải là một thành viên"),
        ({"members": ["director", "deputy", "outsider"]}, "tài khoản đang hoạt động của Sở Công Thương tỉnh Vĩnh Long"),
        ({"name": "  "}, "Cần nhập tên Hội đồng"),
        ({"quorum_fraction": Decimal("1.5")}, "không quá 100 %"),
    ],
)
def test_bad_council_is_refused_in_vietnamese(so, so_people, province_pair, overrides, message):
    people = {**so_people, "outsider": make_user("na-x", province_pair["nghe-an"], None)}
    resolved = {k: ([people[x] for x in v] if k == "members" else people[v] if k == "chair" else v) for k, v in overrides.items()}
    with pytest.raises(ValidationError, match=message):
        svc.council_create(actor=so_people["manager"], unit=so, **council_kwargs(so_people, **resolved))
    assert not Council.objects.exists()


def test_a_council_is_the_units_own(so, so_people, province_pair, client):
    with pytest.raises(PermissionDenied):
        svc.council_create(actor=so_people["manager"], unit=province_pair["nghe-an"], **council_kwargs(so_people))
    client.force_login(so_people["manager"])
    assert client.get(reverse("awards:council-create", args=[province_pair["nghe-an"].pk])).status_code == 404
    assert client.get(reverse("awards:council-create", args=[so.pk])).status_code == 200


def test_council_rules_raise_the_titles_vote_rule_never_lower_it(so_council, so_people):
    rule = AwardRule(quorum_fraction=Decimal("0.667"), pass_threshold=Decimal("0.5"))
    assert sel.vote_minimums(so_council, rule) == (Decimal("0.667"), Decimal("0.5"))
    svc.council_update(actor=so_people["manager"], council=so_council, **council_kwargs(
        so_people, quorum_fraction=Decimal("0.5"), pass_threshold=Decimal("0.9")))
    so_council.refresh_from_db()
    assert sel.vote_minimums(so_council, rule) == (Decimal("0.667"), Decimal("0.9"))


def test_council_members_stay_while_a_ballot_is_open(so_council, so_people, so, officer_vl, media_root):
    award_round = svc.award_round_create(actor=so_people["manager"], name="Đợt đột xuất", kind=RoundKind.SUDDEN, deciding_unit=so,
                                         achievement_year=TODAY.year, opens_on=TODAY, closes_on=TODAY + datetime.timedelta(days=10))
    nomination = nominate(officer_vl, award_round, so, code="giay-khen")
    svc.nomination_submit(nomination=nomination, actor=officer_vl)
    session = svc.council_session_create(actor=so_people["clerk"], council=so_council, title="Phiên họp", held_on=TODAY)
    box = svc.agenda_add(session=session, actor=so_people["clerk"], nomination=nomination)
    svc.ballot_open(box=box, actor=so_people["clerk"])
    with pytest.raises(ValidationError, match="đang bỏ phiếu"):
        svc.council_update(actor=so_people["manager"], council=so_council, **council_kwargs(so_people))


@pytest.mark.parametrize("who", ["manager", "director", "outsider", "ministry_manager"])
def test_edit_council_page_and_service_agree(client, so_council, so_people, province_pair, who, request):
    user = {
        "manager": so_people["manager"], "director": so_people["director"],
        "outsider": make_user("na-ql", province_pair["nghe-an"], Role.CAMPAIGN_MANAGER),
        "ministry_manager": request.getfixturevalue("ministry_manager") if who == "ministry_manager" else None,
    }[who]
    client.force_login(user)
    listed = client.get(reverse("awards:council-list")).content.decode()
    shows = f'href="{so_council.get_absolute_url()}"' in listed
    page = client.get(so_council.get_absolute_url()).status_code
    try:
        svc.council_update(actor=user, council=so_council, **council_kwargs(so_people))
        accepts = True
    except (PermissionDenied, ValidationError):
        accepts = False
    assert shows == accepts == (page == 200) == allowed(policies.edit_council_refusal(user, so_council))
    assert accepts == (who in ("manager", "ministry_manager"))
    if who == "outsider":
        assert page == 404


def test_council_screen_keeps_the_posted_choice_on_error(client, so, so_people):
    client.force_login(so_people["manager"])
    url = reverse("awards:council-create", args=[so.pk])
    response = client.post(url, {"name": "Hội đồng Sở", "chair": so_people["clerk"].pk, "secretary": so_people["clerk"].pk,
                                 "members": [so_people["director"].pk, so_people["deputy"].pk, so_people["head"].pk], "quorum_percent": "66,7"})
    page = response.content.decode()
    assert "Chủ tịch Hội đồng phải là một thành viên của Hội đồng." in page and 'value="66,7"' in page
    assert f'value="{so_people["deputy"].pk}" id="u-{so_people["deputy"].pk}" checked' in page
    response = client.post(url, {"name": "Hội đồng Sở", "chair": so_people["director"].pk, "secretary": so_people["clerk"].pk,
                                 "members": [so_people["director"].pk, so_people["deputy"].pk, so_people["head"].pk], "quorum_percent": "66,7"})
    assert response.status_code == 302 and Council.objects.get(unit=so).quorum_fraction == Decimal("0.667")
    # the Sở has its council now: a second one is not offered
    response = client.post(reverse("awards:council-create", args=[so.pk]), {"name": "x"})
    assert response.status_code == 404
    council = Council.objects.get(unit=so)
    response = client.post(council.get_absolute_url(), {"name": "Hội đồng Sở", "chair": "abc", "secretary": so_people["clerk"].pk, "quorum_percent": "1,2,3"})
    page = response.content.decode()
    assert response.status_code == 200 and "Chủ tịch không hợp lệ." in page and "không phải là số" in page and 'value="1,2,3"' in page


# --- The catalogue --------------------------------------------------------------------------------

PROVINCIAL = {
    "name": "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Vĩnh Long", "subject": "both", "category": "form", "level": "ministry",
    "eligibility_check": "bk_bo", "article": "Điều 74 Luật Thi đua, khen thưởng 2022", "certificate_title": "Bằng khen",
    "certificate_layout": "certificate", "deciding_body": "Chủ tịch Ủy ban nhân dân tỉnh Vĩnh Long", "decider_unit_kinds": ["province"],
    "dossier": ["to_trinh", "bao_cao_thanh_tich", "bien_ban"], "reward_multiple": Decimal("1.0"), "vote_secret": True,
    "quorum_fraction": Decimal("0.5"), "pass_threshold": Decimal("0.5"), "denominator": "present", "absentee_votes": False,
}


def test_so_adds_its_provinces_title_decided_by_the_chair(so, so_people, officer_na):
    kind = svc.award_kind_create(actor=so_people["manager"], owner=so, **PROVINCIAL)
    rule = sel.rule_in_force(kind)
    assert kind.owner == so and kind.printed_title == "Bằng khen" and rule.decider_unit_kinds == ["province"]
    assert rule.reward_multiple == Decimal("1.0") and rule.ruleset == sel.ruleset_in_force()
    assert AuditEvent.objects.filter(action="award_kind_create", unit=so).exists()
    assert kind in AwardKind.objects.available_to(so_people["manager"])
    assert kind not in AwardKind.objects.available_to(officer_na)  # Nghệ An neither sees nor nominates for it


def test_a_so_keeps_only_its_own_titles(client, so, so_people, ministry_manager, province_pair):
    with pytest.raises(PermissionDenied):  # the sector's catalogue is the Ministry's
        svc.award_kind_create(actor=so_people["manager"], owner=None, **PROVINCIAL)
    sector = AwardKind.objects.get(code="bk-bo")
    with pytest.raises(PermissionDenied):
        svc.award_kind_update(actor=so_people["manager"], kind=sector, **{**PROVINCIAL, "name": sector.name})
    client.force_login(so_people["manager"])
    assert client.get(reverse("awards:award-kind-update", args=[sector.pk])).status_code == 403
    assert f'href="{reverse("awards:award-kind-update", args=[sector.pk])}"' not in client.get(reverse("awards:catalogue")).content.decode()
    kind = svc.award_kind_create(actor=so_people["manager"], owner=so, **PROVINCIAL)
    client.force_login(make_user("na-ql", province_pair["nghe-an"], Role.CAMPAIGN_MANAGER))
    assert client.get(reverse("awards:award-kind-update", args=[kind.pk])).status_code == 404
    updated = svc.award_kind_update(actor=ministry_manager, kind=sector, **{**PROVINCIAL, "name": sector.name, "deciding_body": "Bộ trưởng Bộ Công Thương",
                                                                               "decider_unit_kinds": ["ministry", "province"], "reward_multiple": Decimal("1.5")})
    assert sel.rule_in_force(updated).reward_multiple == Decimal("1.5")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "Cần nhập tên"),
        ({"subject": "collective", "eligibility_check": "cstdcs"}, "dành cho cá nhân, không dùng được cho tập thể"),
        ({"dossier": []}, "ít nhất một thành phần hồ sơ"),
        ({"decider_unit_kinds": ["nowhere"]}, "Loại cơ quan quyết định không hợp lệ"),
        ({"pass_threshold": Decimal("1.2")}, "Tỷ lệ tán thành phải từ 0 % đến 100 %"),
    ],
)
def test_bad_catalogue_entry_is_refused_in_vietnamese(so, so_people, changes, message):
    with pytest.raises(ValidationError, match=message):
        svc.award_kind_create(actor=so_people["manager"], owner=so, **{**PROVINCIAL, **changes})
    assert not AwardKind.objects.filter(owner=so).exists()


def test_catalogue_screen_adds_a_title_and_keeps_input_on_error(client, so, so_people):
    client.force_login(so_people["manager"])
    data = {**PROVINCIAL, "owner": so.pk, "reward_multiple": "1,0", "quorum_percent": "50", "threshold_percent": "50", "vote_secret": "1"}
    data.pop("quorum_fraction"), data.pop("pass_threshold")
    response = client.post(reverse("awards:award-kind-create"), {**data, "eligibility_check": "cstdcs", "subject": "collective"})
    page = response.content.decode()
    assert response.status_code == 200 and "không dùng được cho tập thể" in page and PROVINCIAL["deciding_body"] in page
    response = client.post(reverse("awards:award-kind-create"), data)
    assert response.status_code == 302 and AwardKind.objects.get(owner=so).name == PROVINCIAL["name"]
    assert PROVINCIAL["name"] in client.get(reverse("awards:catalogue")).content.decode()


# --- Rounds ---------------------------------------------------------------------------------------


@pytest.fixture
def sudden_round(so, so_people, so_council):
    return svc.award_round_create(actor=so_people["manager"], name="Khen thưởng đột xuất phòng chống hàng giả", kind=RoundKind.SUDDEN,
                                  deciding_unit=so, achievement_year=TODAY.year, opens_on=TODAY, closes_on=TODAY + datetime.timedelta(days=15))


def round_kwargs(award_round, **changes):
    fields = ("name", "kind", "achievement_year", "opens_on", "closes_on")
    return {**{f: getattr(award_round, f) for f in fields}, "campaign": None, **changes}


def test_an_open_round_is_corrected_until_the_council_takes_it_up(sudden_round, so, so_people, officer_vl, media_root):
    svc.award_round_update(actor=so_people["manager"], award_round=sudden_round, **round_kwargs(sudden_round, name="Đợt đột xuất quý IV"))
    sudden_round.refresh_from_db()
    assert sudden_round.name == "Đợt đột xuất quý IV" and AuditEvent.objects.filter(action="award_round_update").exists()
    nomination = nominate(officer_vl, sudden_round, so, code="giay-khen")
    with pytest.raises(ValidationError, match="không đổi loại đợt xét, năm thành tích"):
        svc.award_round_update(actor=so_people["manager"], award_round=sudden_round, **round_kwargs(sudden_round, kind=RoundKind.ANNUAL))
    svc.nomination_submit(nomination=nomination, actor=officer_vl)
    session = CouncilSession.objects.create(council=so.council, title="Phiên họp", held_on=TODAY)
    svc.agenda_add(session=session, actor=so_people["clerk"], nomination=nomination)
    with pytest.raises(ValidationError, match="đưa ra Hội đồng"):
        svc.award_round_update(actor=so_people["manager"], award_round=sudden_round, **round_kwargs(sudden_round, name="Khác"))


def test_round_edit_page_and_service_agree(client, sudden_round, so_people, officer_vl, so):
    for user, expected in ((so_people["manager"], True), (officer_vl, False), (so_people["director"], False)):
        client.force_login(user)
        shows = "Sửa đợt xét" in client.get(reverse("awards:round-detail", args=[sudden_round.pk])).content.decode()
        try:
            svc.award_round_update(actor=user, award_round=sudden_round, **round_kwargs(sudden_round))
            accepts = True
        except (PermissionDenied, ValidationError):
            accepts = False
        assert shows == accepts == expected
    client.force_login(so_people["manager"])
    response = client.post(reverse("awards:round-update", args=[sudden_round.pk]), {**{k: v for k, v in round_kwargs(sudden_round).items() if k != "campaign"},
                                                                                   "opens_on": "31/02/2026", "closes_on": "01/12/2026"}, follow=True)
    assert "không phải là ngày có thật" in response.content.decode()


def test_sudden_round_from_nomination_to_decision(sudden_round, so, so_people, so_council, officer_vl, media_root):
    person = PersonFactory(unit=so, full_name="Nguyễn Văn Dũng")
    with pytest.raises(ValidationError, match="Đợt xét đột xuất chỉ xét hình thức khen thưởng"):
        svc.nomination_create(actor=officer_vl, round=sudden_round, proposing_unit=so, award_kind=AwardKind.objects.get(code="cstdcs"),
                              achievement="Phát hiện, bắt giữ vụ hàng giả lớn", person=person)
    nomination = svc.nomination_create(actor=officer_vl, round=sudden_round, proposing_unit=so, award_kind=AwardKind.objects.get(code="giay-khen"),
                                       achievement="Phát hiện, bắt giữ vụ hàng giả lớn", person=person)
    for document in ("to_trinh", "bao_cao_thanh_tich", "bien_ban"):
        svc.dossier_add(nomination=nomination, actor=officer_vl, document=document, upload=SimpleUploadedFile(f"{document}.pdf", PDF))
    svc.nomination_submit(nomination=nomination, actor=officer_vl)
    session = svc.council_session_create(actor=so_people["clerk"], council=so_council, title="Phiên họp xét khen thưởng đột xuất", held_on=TODAY)
    box = svc.agenda_add(session=session, actor=so_people["clerk"], nomination=nomination)
    svc.ballot_open(box=box, actor=so_people["clerk"])
    for member in (so_people["director"], so_people["deputy"], so_people["head"]):
        svc.ballot_vote(box=box, member=member, choice="for")
    svc.ballot_close(box=box, actor=so_people["clerk"])
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.PASSED
    document = svc.decision_draft(award_round=sudden_round, actor=so_people["manager"], signer_title="Giám đốc", signer_name="Lê Văn Giám")
    assert document.subject == "Về việc khen thưởng đột xuất" and "thành tích xuất sắc đột xuất" in document.body[0]["text"]
    assert document.ordered_issuers() == [so]
    assert AwardRound.objects.get(pk=sudden_round.pk).kind == RoundKind.SUDDEN
