"""Forms of campaigns: every value a page sends is parsed and validated here, never read raw in a view.

Numbers are read by ``common.parsing`` (38.300; 8,2), dates as dd/mm/yyyy. Field names of the target and
report tables (``t-<indicator>-value``, ``v-<target>``…) are kept stable for the templates and Excel.
"""

from __future__ import annotations

from django import forms

from ..models import (
    IndicatorKind,
)


class IndicatorForm(forms.Form):
    name = forms.CharField(max_length=300)
    unit_of_measure = forms.CharField(required=False, max_length=40)
    kind = forms.ChoiceField(choices=IndicatorKind.choices)
    code = forms.CharField(required=False, max_length=60)


class SearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=100)
