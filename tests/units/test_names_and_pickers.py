"""§5 Unit names are unambiguous wherever a unit is listed or chosen; every picker of a unit or a person
searches by name within the account's scope, with JavaScript (a JSON search) or without (the form)."""

import pytest
from django import forms
from django.http import QueryDict
from django.urls import reverse

from common.text import fold
from tests.conftest import make_user
from tests.factories import PersonFactory, UnitFactory
from units.models import Role, RoleScope, Unit, UnitKind
from units.pickers import PersonPickerField, UnitMultiplePickerField, UnitPickerField
from units.search import MAX_RESULTS

pytestmark = pytest.mark.django_db

PROVINCES = ["Vĩnh Long", "Nghệ An", "Đồng Tháp", "Thành phố Hồ Chí Minh", "Đắk Lắk"]


@pytest.fixture
def sos(ministry):
    """A Sở with its Văn phòng Sở and a Chi cục in each of several provinces."""
    result = {}
    for index, place in enumerate(PROVINCES):
        ubnd = UnitFactory(code=f"ubnd-{index}", name=f"Ủy ban nhân dân tỉnh {place}", kind=UnitKind.PROVINCE, place_name=place)
        so = UnitFactory(code=f"sct-{index}", name=f"Sở Công Thương tỉnh {place}", kind=UnitKind.PROVINCIAL_DEPARTMENT,
                         short_name="SCT", parent=ubnd, place_name=place)
        UnitFactory(code=f"sct-{index}-vp", name="Văn phòng Sở", kind=UnitKind.OFFICE, parent=so, place_name=place)
        UnitFactory(code=f"sct-{index}-qltt", name=f"Chi cục Quản lý thị trường tỉnh {place}", kind=UnitKind.SUB_AGENCY,
                    parent=so, place_name=place)
        result[place] = so
    return result


def test_fold_ignores_case_tone_marks_and_d():
    assert fold("  Sở Công Thương tỉnh ĐỒNG  Tháp ") == "so cong thuong tinh dong thap"


def test_generic_sub_unit_carries_its_parent_name(sos, ministry):
    office = Unit.objects.get(code="sct-0-vp")
    assert office.label == "Văn phòng Sở – Sở Công Thương tỉnh Vĩnh Long" and str(office) == office.label
    assert Unit.objects.get(code="sct-0-qltt").label == "Chi cục Quản lý thị trường tỉnh Vĩnh Long"  # names its place already
    assert sos["Vĩnh Long"].label == "Sở Công Thương tỉnh Vĩnh Long"  # directly under a top-level body
    vu = UnitFactory(code="vu-pc", name="Vụ Pháp chế", kind=UnitKind.DEPARTMENT, parent=ministry)
    division = UnitFactory(code="vu-pc-th", name="Phòng Tổng hợp", kind=UnitKind.DIVISION, parent=vu)
    assert vu.label == "Vụ Pháp chế" and division.label == "Phòng Tổng hợp – Vụ Pháp chế"
    labels = list(Unit.objects.filter(name="Văn phòng Sở").values_list("label", flat=True))
    assert len(labels) == len(PROVINCES) == len(set(labels))


def test_label_follows_a_renamed_or_moved_parent(sos):
    so = sos["Nghệ An"]
    so.name = "Sở Công Thương tỉnh Nghệ An (mới)"
    so.save()
    assert Unit.objects.get(code="sct-1-vp").label == "Văn phòng Sở – Sở Công Thương tỉnh Nghệ An (mới)"
    office = Unit.objects.get(code="sct-1-vp")
    office.parent = sos["Vĩnh Long"]
    office.save()
    assert Unit.objects.get(code="sct-1-vp").label == "Văn phòng Sở – Sở Công Thương tỉnh Vĩnh Long"


def search(client, **params):
    response = client.get(reverse("units:picker-search"), params)
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    return response.json()


def test_search_finds_a_unit_by_words_of_its_name_without_tone_marks(client, system_admin, sos):
    client.force_login(system_admin)
    found = search(client, type="unit", q="van phong so dong thap")["results"]
    assert [r["label"] for r in found] == ["Văn phòng Sở – Sở Công Thương tỉnh Đồng Tháp"]
    assert found[0]["id"] == Unit.objects.get(code="sct-2-vp").pk and found[0]["detail"] == "Văn phòng"
    assert len(search(client, type="unit", q="Văn phòng Sở")["results"]) == len(PROVINCES)
    assert search(client, type="unit", q="v")["results"] == []  # two characters at least


def test_search_keeps_to_the_account_scope(client, sos):
    officer = make_user("cb-vl", sos["Vĩnh Long"], Role.UNIT_OFFICER, scope=RoleScope.SUBTREE)
    client.force_login(officer)
    labels = [r["label"] for r in search(client, type="unit", q="van phong so")["results"]]
    assert labels == ["Văn phòng Sở – Sở Công Thương tỉnh Vĩnh Long"]
    PersonFactory(full_name="Đặng Thị Lan", unit=Unit.objects.get(code="sct-1-vp"))  # Nghệ An: out of scope
    mine = PersonFactory(full_name="Đặng Văn Lan", unit=Unit.objects.get(code="sct-0-vp"))
    assert [r["id"] for r in search(client, type="person", q="dang lan")["results"]] == [mine.pk]


def test_search_returns_at_most_twenty_and_says_there_are_more(client, system_admin, sos):
    office = Unit.objects.get(code="sct-0-vp")
    for index in range(MAX_RESULTS + 5):
        PersonFactory(full_name=f"Nguyễn Văn Hùng {index}", unit=office)
    client.force_login(system_admin)
    data = search(client, type="person", q="nguyen hung")
    assert len(data["results"]) == MAX_RESULTS and data["more"] is True
    assert data["results"][0]["label"].endswith("– Văn phòng Sở – Sở Công Thương tỉnh Vĩnh Long")


def test_search_needs_a_login_and_a_known_type(client, system_admin):
    assert client.get(reverse("units:picker-search"), {"type": "unit", "q": "so"}).status_code == 302
    client.force_login(system_admin)
    assert client.get(reverse("units:picker-search"), {"type": "campaign", "q": "so"}).status_code == 400


def test_search_takes_a_bounded_number_of_queries(client, system_admin, sos, django_assert_max_num_queries):
    office = Unit.objects.get(code="sct-0-vp")
    for index in range(30):
        PersonFactory(full_name=f"Trần Thị Mai {index}", unit=office)
    client.force_login(system_admin)
    with django_assert_max_num_queries(8):
        search(client, type="person", q="tran mai")


class PickForm(forms.Form):
    unit = UnitPickerField(required=False)
    person = PersonPickerField(required=False)
    participants = UnitMultiplePickerField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("unit", "participants"):
            self.fields[name].queryset = Unit.objects.all()
        self.fields["person"].queryset = PersonFactory._meta.model.objects.all()


def post(**values):
    data = QueryDict(mutable=True)
    for key, value in values.items():
        data.setlist(key, value if isinstance(value, list) else [value])
    return PickForm(data)


def test_without_javascript_a_typed_name_with_one_match_is_taken(sos):
    form = post(unit_q="văn phòng sở nghệ an")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["unit"] == Unit.objects.get(code="sct-1-vp")


def test_without_javascript_several_matches_are_offered_to_choose(sos):
    form = post(unit_q="Văn phòng Sở")
    assert not form.is_valid() and "chọn một trong danh sách" in form.errors["unit"][0]
    html = str(form["unit"])
    assert html.count('name="unit_pick"') == len(PROVINCES) and "Văn phòng Sở – Sở Công Thương tỉnh Đắk Lắk" in html
    chosen = Unit.objects.get(code="sct-4-vp")
    form = post(unit_q="Văn phòng Sở", unit_pick=str(chosen.pk))
    assert form.is_valid() and form.cleaned_data["unit"] == chosen


def test_a_chosen_id_wins_unless_the_name_was_changed(sos):
    office = Unit.objects.get(code="sct-0-vp")
    assert post(unit=str(office.pk), unit_q=office.label).is_valid()
    form = post(unit=str(office.pk), unit_q="chi cuc quan ly thi truong tinh nghe an")
    assert form.is_valid() and form.cleaned_data["unit"] == Unit.objects.get(code="sct-1-qltt")
    assert "không tìm thấy" in post(unit_q="không có đơn vị này").errors["unit"][0].lower()


def test_an_id_outside_the_queryset_is_refused(sos, ministry):
    form = PickForm(QueryDict(f"unit={ministry.pk}"))
    form.fields["unit"].queryset = Unit.objects.filter(kind=UnitKind.OFFICE)
    assert not form.is_valid() and "unit" in form.errors


def test_several_units_stay_ticked_and_a_typed_one_is_added(sos):
    first, second = Unit.objects.get(code="sct-0-vp"), Unit.objects.get(code="sct-1-qltt")
    form = post(participants=[str(first.pk)], participants_q="chi cuc nghe an")
    assert form.is_valid(), form.errors
    assert set(form.cleaned_data["participants"]) == {first, second}
    html = str(PickForm(initial={"participants": [first, second]})["participants"])
    assert html.count('type="checkbox"') == 2 and "checked" in html and first.label in html


def test_person_picker_tells_namesakes_apart_by_unit(sos):
    a = PersonFactory(full_name="Lê Thị Hoa", unit=Unit.objects.get(code="sct-0-vp"))
    PersonFactory(full_name="Lê Thị Hoa", unit=Unit.objects.get(code="sct-1-vp"))
    form = post(person_q="le thi hoa vinh long")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["person"] == a
    assert "Lê Thị Hoa – Văn phòng Sở – Sở Công Thương tỉnh Vĩnh Long" in str(PickForm(initial={"person": a})["person"])


def test_picker_renders_an_accessible_combobox(sos):
    html = str(PickForm()["unit"])
    assert 'role="combobox"' in html and 'aria-controls="id_unit-ds"' in html and 'role="listbox"' in html
    assert 'name="unit_q"' in html and 'type="hidden" name="unit"' in html and "<script" not in html


def test_account_forms_choose_the_unit_by_name(client, system_admin, sos):
    client.force_login(system_admin)
    page = client.get(reverse("units:user-create")).content.decode()
    assert 'name="unit_q"' in page and 'role="combobox"' in page and "<select" not in page.split('name="unit_q"')[0][-400:]
    response = client.post(reverse("units:user-create"), {
        "username": "can-bo-dong-thap", "full_name": "Nguyễn Thị Hoa", "unit_q": "van phong so dong thap",
        "password1": "Mật khẩu đủ dài 2026", "password2": "Mật khẩu đủ dài 2026",
    })
    assert response.status_code == 302
    from units.models import User

    assert User.objects.get(username="can-bo-dong-thap").unit == Unit.objects.get(code="sct-2-vp")


@pytest.mark.parametrize("value", ["²", "١٢", "-3", "9" * 30, "1.5"])
def test_a_malformed_id_is_refused_not_a_server_error(sos, value):
    form = post(unit=value, participants=[value], person=value)
    assert not form.is_valid() and {"unit", "participants", "person"} <= set(form.errors)
    for name in ("unit", "participants", "person"):
        assert "<input" in str(form[name])
