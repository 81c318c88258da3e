"""The indicator catalogue kept in the app: direction (higher, lower, exact, milestone) carried into
registrations, status, Excel and the launch annex; editing, deactivating and who may do it."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from campaigns import policies, services
from campaigns.imports import TARGET_COLUMNS
from campaigns.models import Direction, Indicator, IndicatorDirection, Registration
from campaigns.selectors import ACHIEVED, BEHIND, EXCEEDED, target_status
from common.policies import allowed
from tests.conftest import make_user
from units.models import AuditEvent, Role

from .test_excel import upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def so_manager(province_pair):
    return make_user("so-ql", province_pair["vinh-long"], Role.CAMPAIGN_MANAGER)


@pytest.fixture
def rank(so_manager, province_pair):
    """A Sở's own indicator where lower is better: its rank among the provinces."""
    return services.indicator_create(
        actor=so_manager, name="Xếp hạng chỉ số năng lực cạnh tranh cấp tỉnh", unit_of_measure="hạng", kind="count",
        direction=IndicatorDirection.LOWER, owner=province_pair["vinh-long"],
    )


@pytest.mark.parametrize(
    ("direction", "value", "status", "percent"),
    [
        (Direction.AT_MOST, "3", EXCEEDED, "166.7"),
        (Direction.AT_MOST, "5", ACHIEVED, "100.0"),
        (Direction.AT_MOST, "8", BEHIND, "62.5"),
        (Direction.EXACT, "5", ACHIEVED, "100.0"),
        (Direction.EXACT, "4", BEHIND, "80.0"),
        (Direction.EXACT, "10", BEHIND, "50.0"),
        (Direction.AT_LEAST, "6", EXCEEDED, "120.0"),
    ],
)
def test_status_follows_the_direction(direction, value, status, percent):
    assert target_status(kind="count", direction=direction, target_value=Decimal("5"), value=Decimal(value), done=None) == (status, Decimal(percent))


def test_a_sos_own_indicator_where_lower_is_better(rank, province_pair):
    assert rank.owner == province_pair["vinh-long"] and rank.target_direction == Direction.AT_MOST
    assert rank.direction_label == "Càng thấp càng tốt (≤)"
    assert AuditEvent.objects.filter(action="indicator_create", unit=province_pair["vinh-long"]).exists()


def test_milestone_as_kind_or_direction_is_a_milestone(ministry_manager):
    first = services.indicator_create(actor=ministry_manager, name="Đề án A được phê duyệt", kind="quantity", direction=IndicatorDirection.MILESTONE)
    second = services.indicator_create(actor=ministry_manager, name="Đề án B được phê duyệt", kind="milestone", direction=IndicatorDirection.LOWER)
    assert {(first.kind, first.direction), (second.kind, second.direction)} == {("milestone", "milestone")}


def test_the_direction_reaches_the_registration_form_excel_and_annex(client, campaign, rank, officer_vl, province_pair, ministry_manager):
    campaign.indicators.add(rank)
    client.force_login(officer_vl)
    page = client.get(reverse("campaigns:registration-edit", args=[campaign.pk, province_pair["vinh-long"].pk])).content.decode()
    assert f'name="t-{rank.pk}-direction"' in page and '<option value="at_most" title="Không cao hơn (≤)" selected>≤</option>' in page
    sheet = load_workbook(io.BytesIO(client.get(reverse("campaigns:import-template", args=[campaign.pk])).getvalue())).active
    assert {row[0].value: row[4].value for row in sheet.iter_rows(min_row=2)}[rank.code] == "≤"
    headers = [c.header for c in TARGET_COLUMNS]
    url = reverse("campaigns:registration-import", args=[campaign.pk, province_pair["vinh-long"].pk])
    client.post(url, {"file": upload(headers, [["wind", "", 140, 60, "=", ""], [rank.code, "", 5, 9, "", ""]])})
    targets = {t.indicator.code: t.direction for t in Registration.objects.get().targets.all()}
    assert targets == {"wind": Direction.EXACT, rank.code: Direction.AT_MOST}
    from campaigns.services import launch_annexes

    annex = launch_annexes(campaign)[0]
    assert annex["headers"][-1] == "Chiều đánh giá"
    assert [rank.name, "Càng thấp càng tốt (≤)"] == [r[1] for r in annex["rows"] if r[1] == rank.name] + [r[-1] for r in annex["rows"] if r[1] == rank.name]


def test_a_registered_indicator_keeps_its_kind_and_its_targets_their_direction(approved_registration, ministry_manager, indicators):
    wind = indicators["wind"]
    with pytest.raises(ValidationError, match="không đổi được giữa mốc hoàn thành"):
        services.indicator_update(actor=ministry_manager, indicator=wind, name=wind.name, kind="milestone", unit_of_measure="MW", direction="milestone")
    services.indicator_update(actor=ministry_manager, indicator=wind, name=wind.name, kind="quantity", unit_of_measure="MW", direction="lower")
    assert approved_registration.targets.get(indicator=wind).direction == Direction.AT_LEAST
    assert "chiều đánh giá" in AuditEvent.objects.filter(action="indicator_update").latest("pk").summary


@pytest.mark.parametrize("who", ["so_manager", "ministry_manager", "officer", "outsider"])
def test_edit_indicator_page_and_service_agree(client, rank, indicators, who, request, province_pair, officer_vl):
    user = {
        "so_manager": lambda: request.getfixturevalue("so_manager"), "ministry_manager": lambda: request.getfixturevalue("ministry_manager"),
        "officer": lambda: officer_vl, "outsider": lambda: make_user("na-ql", province_pair["nghe-an"], Role.CAMPAIGN_MANAGER),
    }[who]()
    client.force_login(user)
    for indicator in (rank, indicators["wind"]):
        listed = client.get(reverse("campaigns:indicator-list"), {"q": indicator.name}).content.decode()
        shows = f'href="{reverse("campaigns:indicator-update", args=[indicator.pk])}"' in listed
        page = client.get(reverse("campaigns:indicator-update", args=[indicator.pk])).status_code
        try:
            services.indicator_set_active(actor=user, indicator=indicator, is_active=True)
            accepts = True
        except (PermissionDenied, ValidationError):
            accepts = False
        assert shows == accepts == (page == 200) == allowed(policies.edit_indicator_refusal(user, indicator))
    assert allowed(policies.edit_indicator_refusal(user, rank)) == (who in ("so_manager", "ministry_manager"))
    assert allowed(policies.edit_indicator_refusal(user, indicators["wind"])) == (who == "ministry_manager")
    if who == "outsider":  # another Sở's own indicator is not found at all
        assert client.get(reverse("campaigns:indicator-update", args=[rank.pk])).status_code == 404


def test_deactivated_indicator_leaves_new_campaigns(client, rank, so_manager):
    services.indicator_set_active(actor=so_manager, indicator=rank, is_active=False)
    client.force_login(so_manager)
    page = client.get(reverse("campaigns:campaign-create")).content.decode()
    assert rank.name not in page
    listed = client.get(reverse("campaigns:indicator-list"), {"active": "0"}).content.decode()
    assert rank.name in listed and "Dùng lại" in listed


def test_indicator_screens_keep_input_and_speak_vietnamese(client, so_manager, rank, province_pair):
    client.force_login(so_manager)
    response = client.post(reverse("campaigns:indicator-list"), {"name": "", "unit_of_measure": "hạng", "kind": "count", "direction": "lower", "owner": province_pair["vinh-long"].pk})
    page = response.content.decode()
    assert "Cần nhập tên chỉ tiêu." in page and 'value="hạng"' in page and '<option value="lower" selected>' in page
    response = client.post(reverse("campaigns:indicator-list"), {"name": "Xếp hạng chỉ số năng lực cạnh tranh cấp tỉnh", "unit_of_measure": "hạng", "kind": "count", "direction": "lower", "owner": province_pair["vinh-long"].pk})
    assert "đã có trong danh mục" in response.content.decode()
    response = client.post(reverse("campaigns:indicator-list"), {"name": "Chỉ tiêu chung", "kind": "count", "direction": "higher"})
    assert "Chọn đơn vị quản lý chỉ tiêu." in response.content.decode()  # a Sở does not add to the sector's catalogue
    response = client.post(reverse("campaigns:indicator-update", args=[rank.pk]), {"name": rank.name, "kind": "count", "direction": "sideways", "is_active": "1"})
    assert "Chiều đánh giá không hợp lệ." in response.content.decode()
    response = client.post(reverse("campaigns:indicator-update", args=[rank.pk]), {"name": rank.name, "unit_of_measure": "hạng", "kind": "count", "direction": "exact", "is_active": "1"})
    rank.refresh_from_db()
    assert response.status_code == 302 and rank.direction == "exact" and rank.is_active
    assert Indicator.objects.filter(owner=province_pair["vinh-long"]).count() == 1
