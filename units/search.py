"""Find units and persons by name, within what the account may see: the JSON behind every picker.

Matching folds case, tone marks and đ (``common.text.fold``), so "dong thap", "Đồng Tháp" and
"ĐỒNG THÁP" find the same units on SQLite and on PostgreSQL; every word typed must appear.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from common.text import fold

from .models import Person, Unit, UnitKind
from .scoping import own_unit_scope_filter

MAX_RESULTS = 20
MIN_CHARS = 2
MAX_WORDS = 8


def search_words(text: str) -> list[str]:
    return fold(text).split()[:MAX_WORDS]


def units_matching(units: QuerySet[Unit], text: str) -> QuerySet[Unit]:
    """``units`` whose label, short name, place or code holds every word of ``text``; the higher ones first."""
    for word in search_words(text):
        units = units.filter(search_key__contains=word)
    return units.order_by("depth", "label", "pk")


def persons_matching(persons: QuerySet[Person], text: str) -> QuerySet[Person]:
    """``persons`` whose name, or whose unit, holds each word of ``text`` ("Lan Vĩnh Long"); those whose
    own name holds every word come first."""
    by_name = Q()
    for word in search_words(text):
        persons = persons.filter(Q(search_key__contains=word) | Q(unit__search_key__contains=word))
        by_name &= Q(search_key__contains=word)
    ranked = persons.annotate(rank=Case(When(by_name, then=Value(0)), default=Value(1), output_field=IntegerField()))
    return ranked.select_related("unit").order_by("rank", "search_key", "pk")


def person_label(person: Person) -> str:
    """How a person reads in a picker: the name, then the unit that tells two namesakes apart."""
    return f"{person.full_name} – {person.unit}"


def unit_result(unit: Unit) -> dict:
    detail = unit.get_kind_display() + ("" if unit.is_active else " · không còn hoạt động")
    return {"id": unit.pk, "label": str(unit), "detail": detail}


def person_result(person: Person) -> dict:
    detail = person.position + ("" if person.is_active else " · không còn công tác")
    return {"id": person.pk, "label": person_label(person), "detail": detail.strip(" ·")}


class PickerQueryForm(forms.Form):
    q = forms.CharField(required=False, max_length=100)
    type = forms.ChoiceField(choices=[("unit", "Đơn vị"), ("person", "Cá nhân")])
    active = forms.BooleanField(required=False)
    own = forms.BooleanField(required=False)  # units: the account's own subtree only, without cluster peers
    kinds = forms.CharField(required=False, max_length=300)  # units: of these kinds only ("ministry,government")

    def clean_kinds(self) -> list[str]:
        kinds = [k for k in self.cleaned_data["kinds"].split(",") if k]
        if any(k not in UnitKind.values for k in kinds):
            raise forms.ValidationError("Loại đơn vị không hợp lệ.")
        return kinds


def picker_results(
    *, user, kind: str, text: str, active_only: bool = False, own_only: bool = False, unit_kinds=()
) -> tuple[list[dict], bool]:
    """At most ``MAX_RESULTS`` matches visible to ``user``, and whether there were more."""
    if len(fold(text).replace(" ", "")) < MIN_CHARS:
        return [], False
    if kind == "person":
        persons = Person.objects.visible_to(user)
        if active_only:
            persons = persons.filter(is_active=True)
        rows = list(persons_matching(persons, text)[: MAX_RESULTS + 1])
        return [person_result(p) for p in rows[:MAX_RESULTS]], len(rows) > MAX_RESULTS
    units = Unit.objects.filter(own_unit_scope_filter(user, field="pk")) if own_only else Unit.objects.visible_to(user)
    if unit_kinds:
        units = units.filter(kind__in=unit_kinds)
    if active_only:
        units = units.filter(is_active=True)
    rows = list(units_matching(units, text)[: MAX_RESULTS + 1])
    return [unit_result(u) for u in rows[:MAX_RESULTS]], len(rows) > MAX_RESULTS


@login_required
@require_GET
def picker_search(request):
    """``?type=unit|person&q=…[&active=1][&own=1][&kinds=a,b]`` → ``{"results": [{id, label, detail}], "more": bool}``."""
    form = PickerQueryForm(request.GET)
    if not form.is_valid():
        return JsonResponse({"results": [], "more": False, "error": "Yêu cầu tìm kiếm không hợp lệ."}, status=400)
    data = form.cleaned_data
    results, more = picker_results(
        user=request.user, kind=data["type"], text=data["q"], active_only=data["active"], own_only=data["own"],
        unit_kinds=data["kinds"],
    )
    return JsonResponse({"results": results, "more": more})
