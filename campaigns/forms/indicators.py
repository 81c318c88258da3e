"""Forms of campaigns: every value a page sends is parsed and validated here, never read raw in a view.

Numbers are read by ``common.parsing`` (38.300; 8,2), dates as dd/mm/yyyy. Field names of the target and
report tables (``t-<indicator>-value``, ``v-<target>``…) are kept stable for the templates and Excel.
"""

from __future__ import annotations

from django import forms

from units.models import Unit

from ..models import (
    IndicatorDirection,
    IndicatorKind,
)


class IndicatorEditForm(forms.Form):
    """An indicator's name, unit of measure, kind, direction and whether new campaigns are offered it."""

    name = forms.CharField(max_length=300, error_messages={"required": "Cần nhập tên chỉ tiêu.", "max_length": "Tên chỉ tiêu tối đa 300 ký tự."})
    unit_of_measure = forms.CharField(required=False, max_length=40, error_messages={"max_length": "Đơn vị tính tối đa 40 ký tự."})
    kind = forms.ChoiceField(choices=IndicatorKind.choices, error_messages={"invalid_choice": "Loại chỉ tiêu không hợp lệ."})
    direction = forms.ChoiceField(required=False, choices=IndicatorDirection.choices, error_messages={"invalid_choice": "Chiều đánh giá không hợp lệ."})
    is_active = forms.BooleanField(required=False)

    def clean_direction(self):
        return self.cleaned_data["direction"] or IndicatorDirection.HIGHER


class IndicatorForm(IndicatorEditForm):
    """A new indicator, for the sector's catalogue (no owner) or for a unit whose campaigns the account manages."""

    code = forms.CharField(required=False, max_length=60)
    owner = forms.ModelChoiceField(queryset=Unit.objects.none(), required=False, error_messages={
        "invalid_choice": "Đơn vị quản lý không hợp lệ.", "required": "Chọn đơn vị quản lý chỉ tiêu."})

    def __init__(self, *args, owners, sector: bool, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["is_active"]
        self.fields["owner"].queryset, self.fields["owner"].required = owners, not sector


class SearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=100)


class IndicatorFilterForm(SearchForm):
    active = forms.ChoiceField(required=False, choices=[("", "Mọi trạng thái"), ("1", "Đang dùng"), ("0", "Ngừng dùng")])
