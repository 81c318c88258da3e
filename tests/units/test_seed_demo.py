"""seed_demo: the real organisation of the sector, idempotent, refused in production."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from units.models import Cluster, ClusterMembership, Person, Role, RoleAssignment, Unit, UnitKind, User

pytestmark = pytest.mark.django_db

DEMO_ACCOUNTS = ["demo-admin", "demo-bo", "demo-lanhdao", "demo-vanthu", "demo-so", "demo-hoidong", "demo-thuky"]


def snapshot():
    from campaigns.models import Campaign, Indicator, ProgressReport, Registration, ReportValue, Target
    from documents.models import OfficialDocument, PdfJob, RegisterCounter

    models = (Unit, Cluster, ClusterMembership, Person, User, RoleAssignment, OfficialDocument, RegisterCounter, PdfJob)
    from awards.models import AwardRecord, Rating

    models += (Indicator, Campaign, Registration, Target, ProgressReport, ReportValue, AwardRecord, Rating)
    return {
        model.__name__: sorted(map(repr, model.objects.values()))
        for model in models
    } | {"predecessors": sorted(Unit.predecessors.through.objects.values_list("from_unit_id", "to_unit_id"))}


@pytest.fixture
def seeded(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))


def test_seed_demo_creates_the_organisation(seeded):
    active = Unit.objects.filter(is_active=True)
    assert active.filter(kind=UnitKind.PROVINCE).count() == 34
    assert active.filter(kind=UnitKind.PROVINCIAL_DEPARTMENT).count() == 34
    bct = Unit.objects.get(code="bct")
    assert bct.children.filter(is_active=True).count() >= 18
    assert Unit.objects.get(code="cdct").name == "Công đoàn Công Thương Việt Nam"
    ctdp = Unit.objects.get(name="Cục Công Thương địa phương")
    assert ctdp.is_active is False and ctdp.parent == bct
    assert active.filter(kind=UnitKind.ENTERPRISE).count() >= 3
    vinh_long = Unit.objects.get(code="sct-vinh-long")
    assert set(vinh_long.predecessors.values_list("code", flat=True)) == {"sct-ben-tre", "sct-tra-vinh"}
    assert vinh_long.governing_body == "Ủy ban nhân dân tỉnh Vĩnh Long"
    assert vinh_long.heading == "Sở Công Thương" and vinh_long.place_name == "Vĩnh Long"


def test_seed_demo_cluster_vi_with_lead(seeded):
    cluster = Cluster.objects.get(name="Cụm thi đua số VI – Sở Công Thương các tỉnh Bắc Trung Bộ")
    members = cluster.memberships.filter(year=2026)
    assert members.count() == 5
    assert members.get(role="lead").unit.code == "sct-nghe-an"
    assert cluster.memberships.filter(year=2023, role="deputy", unit__code="sct-quang-binh").exists()


def test_seed_demo_persons_and_accounts(seeded):
    for unit in Unit.objects.filter(kind=UnitKind.PROVINCIAL_DEPARTMENT, is_active=True):
        assert Person.objects.filter(unit=unit).count() >= 3
    for username in DEMO_ACCOUNTS:
        user = User.objects.get(username=username)
        assert user.check_password("thidua-demo-2026")
        assert user.role_assignments.exists()
    roles = set(RoleAssignment.objects.values_list("role", flat=True))
    assert roles == set(Role.values)
    assert User.objects.get(username="demo-so").unit.code == "sct-vinh-long"


def test_seed_demo_second_run_changes_nothing(seeded):
    before = snapshot()
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert snapshot() == before


def test_seed_demo_refused_in_production(settings, db):
    settings.THIDUA_PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("seed_demo")


def test_seeded_vinh_long_officer_cannot_open_nghe_an(seeded, client):
    client.force_login(User.objects.get(username="demo-so"))
    nghe_an = Unit.objects.get(code="sct-nghe-an")
    person = Person.objects.filter(unit=nghe_an).first()
    assert client.get(reverse("units:unit-detail", args=[nghe_an.pk])).status_code == 404
    assert client.get(reverse("units:person-detail", args=[person.pk])).status_code == 404
    ben_tre = Unit.objects.get(code="sct-ben-tre")
    assert client.get(reverse("units:unit-detail", args=[ben_tre.pk])).status_code == 200


def test_seeded_ministry_manager_sees_every_province(seeded, client):
    client.force_login(User.objects.get(username="demo-bo"))
    for code in ("sct-nghe-an", "sct-vinh-long", "sct-ha-noi"):
        unit = Unit.objects.get(code=code)
        assert client.get(reverse("units:unit-detail", args=[unit.pk])).status_code == 200


def test_seed_demo_loads_the_campaign_seeds(seeded):
    from campaigns.models import Campaign
    from campaigns.selectors import dashboard_rows
    from documents.models import OfficialDocument

    joint = Campaign.objects.get(name__contains="năm 2020")
    assert joint.contents.count() == 9 and joint.issuer_links.count() == 2
    # Seed 000 gives the directive's date but no number: none is invented (issue 11 §5).
    assert joint.directive.symbol == "" and str(joint.directive.issued_on) == "2020-01-02"
    assert Campaign.objects.get(name__contains="2021 - 2026").contents.count() == 6
    dong_khoi = Campaign.objects.get(name__contains="Đồng khởi mới")
    assert dong_khoi.directive.symbol == "483/KH-SCT"
    targets = {t["target"].indicator.code: t for t in dashboard_rows(campaign=dong_khoi)[0].targets}
    assert targets["gtsx-cn"]["target"].target_value == 38300
    assert targets["dien-gio"]["status"] == "vuot" and targets["de-an-kt-dem"]["status"] == "dat"
    plan = OfficialDocument.objects.get(symbol="483/KH-SCT")
    assert plan.pdf_jobs.get().state == "done"


def test_seed_demo_loads_seed_002_history(seeded):
    from awards.models import AwardRecord

    ctdp = Unit.objects.get(name="Cục Công Thương địa phương")
    held = {(r.award_kind.code, r.year) for r in AwardRecord.objects.filter(unit=ctdp)}
    assert {("tldxs", y) for y in (2013, 2015, 2016, 2017, 2018)} <= held
    assert {("co-bo", y) for y in (2013, 2014, 2016, 2018)} <= held
    assert {("bk-ttg", y) for y in (2013, 2015, 2017, 2019)} <= held and ("co-cp", 2015) in held


def test_every_demo_role_finds_a_next_step_at_first_login(client, seeded):
    """Each demo account with a role sees at least one item in "Việc cần làm", each item a link."""
    for user in User.objects.filter(username__startswith="demo-", role_assignments__isnull=False).distinct():
        client.force_login(user)
        page = client.get(reverse("home")).content.decode()
        assert 'data-testid="todo"' in page, user.username
