"""Forms of campaigns: every value a page sends is parsed and validated here, never read raw in a view.

Numbers are read by ``common.parsing`` (38.300; 8,2), dates as dd/mm/yyyy. Field names of the target and
report tables (``t-<indicator>-value``, ``v-<target>``…) are kept stable for the templates and Excel.
"""

from __future__ import annotations

from django import forms

from units.models import UnitKind

SORT_CHOICES = [
    ("-percent", "% hoàn thành giảm dần"),
    ("percent", "% hoàn thành tăng dần"),
    ("unit", "Tên đơn vị"),
    ("-achieved", "Nhiều chỉ tiêu đạt, vượt"),
    ("-behind", "Nhiều chỉ tiêu chưa đạt"),
]


class DashboardFilterForm(forms.Form):
    """Filters and sort of the dashboard; a malformed value is ignored, never an error page."""

    # ids among the choices the page offers (given as lists, so that checking a choice costs no query)
    province = forms.TypedChoiceField(coerce=int, empty_value=None, required=False)
    cluster = forms.TypedChoiceField(coerce=int, empty_value=None, required=False)
    kind = forms.ChoiceField(choices=[("", "Mọi loại đơn vị"), *UnitKind.choices], required=False)
    sort = forms.ChoiceField(choices=SORT_CHOICES, required=False)
    export = forms.ChoiceField(choices=[("", ""), ("xlsx", "Excel")], required=False)
    page = forms.IntegerField(min_value=1, required=False)  # a bad page number gives the first page
    # the per-indicator view: one indicator's units, all of them or those of one status
    indicator = forms.IntegerField(min_value=1, required=False)
    status = forms.ChoiceField(choices=[("", ""), ("dat", "Đạt"), ("vuot", "Vượt"), ("chua_dat", "Chưa đạt"), ("chua_bao_cao", "Chưa báo cáo")],
                               required=False)

    def __init__(self, *args, provinces, clusters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = [("", "")] + [(str(p.pk), p.label) for p in provinces]
        self.fields["cluster"].choices = [("", "")] + [(str(c.pk), c.name) for c in clusters]

    def value(self, name, default=None):
        """The cleaned value of a valid field, else ``default``."""
        self.is_valid()
        if name in self.errors:
            return default
        return self.cleaned_data.get(name) or default
