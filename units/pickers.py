"""Form fields that choose a unit or a person by typing its name, with or without JavaScript.

The widget renders a search box (``<name>_q``) and the chosen id(s) under ``<name>``. With JavaScript
(``static/js/picker.js``) the box suggests matches from ``units:picker-search`` as one types and fills
the id. Without it, the typed name is searched when the form is sent: one match is taken, several are
listed as choices (``<name>_pick``) under an error asking which one. The queryset stays the rule: an
id outside it is refused, whatever the page sent.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from common.parsing import parse_id
from common.text import fold

from .models import Person, Unit
from .search import MAX_RESULTS, person_label, persons_matching, units_matching


@dataclass
class PickerValue:
    """What a picker sent: ids chosen in the list or ticked, the typed text, an id picked among matches."""

    ids: list[str] = field(default_factory=list)
    text: str = ""
    picked: list[str] = field(default_factory=list)


def _values(data, name: str) -> list[str]:
    values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
    return [str(v).strip() for v in values if v not in (None, "") and str(v).strip()]


class PickerWidget(forms.Widget):
    template_name = "units/partials/_picker.html"

    def __init__(
        self, *, kind: str, multiple: bool = False, active_only: bool = False, own_only: bool = False, unit_kinds=(), attrs=None
    ):
        super().__init__(attrs)
        self.kind, self.multiple, self.active_only, self.own_only = kind, multiple, active_only, own_only
        self.unit_kinds = tuple(unit_kinds)
        self.queryset = None
        self.matches: list = []  # set by the field when a typed name matched several

    def __deepcopy__(self, memo):
        copy = super().__deepcopy__(memo)
        copy.matches = []
        return copy

    def _render(self, template_name, context, renderer=None):
        # the project's template (templates/units/partials/), which the default form renderer does not search
        return mark_safe(render_to_string(template_name, context))

    def value_from_datadict(self, data, files, name):
        return PickerValue(ids=_values(data, name), text=(data.get(f"{name}_q") or "").strip(), picked=_values(data, f"{name}_pick"))

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}_q" not in data and f"{name}_pick" not in data

    def label_for(self, obj) -> str:
        return person_label(obj) if isinstance(obj, Person) else str(obj)

    def _chosen(self, value) -> list:
        if isinstance(value, PickerValue):
            ids = value.picked or value.ids
        elif value in (None, ""):
            ids = []
        elif isinstance(value, list | tuple | set) or hasattr(value, "__iter__") and not isinstance(value, str):
            ids = [getattr(v, "pk", v) for v in value]
        else:
            ids = [getattr(value, "pk", value)]
        ids = [i for i in (parse_id(i) for i in ids) if i is not None]
        if not ids or self.queryset is None:
            return []
        found = {o.pk: o for o in self.queryset.filter(pk__in=ids).select_related(*(["unit"] if self.kind == "person" else []))}
        return [found[i] for i in ids if i in found]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = self._chosen(value)
        typed = value.text if isinstance(value, PickerValue) else ""
        if not self.multiple and chosen and not typed:
            typed = self.label_for(chosen[0])
        url = reverse("units:picker-search") + f"?type={self.kind}" + ("&active=1" if self.active_only else "") + (
            "&own=1" if self.own_only else ""
        ) + (f"&kinds={','.join(self.unit_kinds)}" if self.unit_kinds else "")
        context["widget"].update({
            "kind": self.kind,
            "multiple": self.multiple,
            "url": url,
            "chosen": [{"id": o.pk, "label": self.label_for(o)} for o in chosen],
            "text": "" if self.multiple and not self.matches else typed,
            "matches": [{"id": o.pk, "label": self.label_for(o)} for o in self.matches],
            "noun": "cá nhân" if self.kind == "person" else "đơn vị",
        })
        return context


class _PickerMixin:
    kind = "unit"

    def _set_queryset(self, queryset):
        super()._set_queryset(queryset)
        self.widget.queryset = self.queryset

    queryset = property(lambda self: self._queryset, _set_queryset)

    def has_changed(self, initial, data):
        return True  # a typed name is resolved only by clean()

    def search(self, text: str) -> list:
        queryset = self.queryset
        matching = persons_matching(queryset, text) if self.kind == "person" else units_matching(queryset, text)
        return list(matching[: MAX_RESULTS + 1])

    def resolve_text(self, text: str):
        """The one object a typed name designates; else a Vietnamese error, with the matches to choose from."""
        noun = "cá nhân" if self.kind == "person" else "đơn vị"
        if len(fold(text).replace(" ", "")) < 2:
            raise ValidationError(f"Gõ ít nhất 2 chữ của tên {noun}.", code="too_short")
        matches = self.search(text)
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise ValidationError(f"Không tìm thấy {noun} nào có tên “{text}” trong phạm vi của tài khoản.", code="not_found")
        self.widget.matches = matches[:MAX_RESULTS]
        more = " (chỉ hiện 20 kết quả đầu; gõ thêm chữ để thu hẹp)" if len(matches) > MAX_RESULTS else ""
        raise ValidationError(f"Có nhiều {noun} khớp với “{text}”: chọn một trong danh sách{more}.", code="ambiguous")


def _checked_ids(field, ids: list[str]) -> list[str]:
    """The ids as sent, each an ASCII positive integer (``common.parsing.parse_id``): "١٢" or "²" is refused."""
    if any(parse_id(value) is None for value in ids):
        raise ValidationError(field.error_messages["invalid_choice"], code="invalid_choice", params={"value": ids[0]})
    return ids


class UnitPickerField(_PickerMixin, forms.ModelChoiceField):
    """One unit, chosen by name."""

    def __init__(
        self, queryset=None, *, kind: str = "unit", active_only: bool = False, own_only: bool = False, unit_kinds=(), **kwargs
    ):
        self.kind = kind
        kwargs.setdefault("widget", PickerWidget(kind=kind, active_only=active_only, own_only=own_only, unit_kinds=unit_kinds))
        super().__init__(queryset if queryset is not None else Unit.objects.none(), **kwargs)

    def clean(self, value):
        if not isinstance(value, PickerValue):
            return super().clean(value)
        if value.picked:
            return super().clean(_checked_ids(self, value.picked)[-1])
        if value.ids:
            chosen = super().clean(_checked_ids(self, value.ids)[-1])
            if not value.text or fold(value.text) == fold(self.widget.label_for(chosen)):
                return chosen
        if value.text:
            return self.resolve_text(value.text)
        return super().clean(None)


class PersonPickerField(UnitPickerField):
    """One person, chosen by name (and, to tell namesakes apart, their unit)."""

    def __init__(self, queryset=None, **kwargs):
        super().__init__(queryset if queryset is not None else Person.objects.none(), kind="person", **kwargs)


class UnitMultiplePickerField(_PickerMixin, forms.ModelMultipleChoiceField):
    """Several units: the chosen ones stay ticked; a name typed without JavaScript adds its match."""

    def __init__(self, queryset=None, *, active_only: bool = False, **kwargs):
        kwargs.setdefault("widget", PickerWidget(kind="unit", multiple=True, active_only=active_only))
        super().__init__(queryset if queryset is not None else Unit.objects.none(), **kwargs)

    def clean(self, value):
        if not isinstance(value, PickerValue):
            return super().clean(value)
        ids = _checked_ids(self, [*value.ids, *value.picked])
        if value.text and not value.picked:
            ids.append(str(self.resolve_text(value.text).pk))
        return super().clean(ids)
