"""Forms of campaigns: every value a page sends is parsed and validated here, never read raw in a view.

Numbers are read by ``common.parsing`` (38.300; 8,2), dates as dd/mm/yyyy. Field names of the target and
report tables (``t-<indicator>-value``, ``v-<target>``…) are kept stable for the templates and Excel.
"""

from __future__ import annotations

from django import forms

from common.parsing import VNDecimalField, VNIntegerField
from common.text import nfc
from units.models import Unit


class CovenantForm(forms.Form):
    content = forms.CharField(required=False, max_length=5000)
    criteria = forms.CharField(max_length=20000, error_messages={"required": "Giao ước cần bảng tiêu chí chấm điểm."})

    def clean_criteria(self):
        """Lines "tiêu chí | điểm tối đa"."""
        rows, errors = [], []
        for number, line in enumerate(self.cleaned_data["criteria"].splitlines(), start=1):
            if not line.strip():
                continue
            text, _, points = line.rpartition("|")
            try:
                points = VNDecimalField(required=False).to_python(points) if text.strip() else None
            except forms.ValidationError:
                points = None
            if not text.strip() or points is None:
                errors.append(f"Dòng {number}: cần dạng “tiêu chí | điểm tối đa”.")
                continue
            rows.append((nfc(text), points))
        if errors:
            raise forms.ValidationError(errors)
        return rows


class MemberUnitForm(forms.Form):
    """A member unit of a covenant, chosen among its members."""

    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), error_messages={"invalid_choice": "Đơn vị không phải thành viên của cụm."})

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in members])


class CovenantSignForm(MemberUnitForm):
    title = forms.CharField(required=False, max_length=160)


class CovenantScoreForm(MemberUnitForm):
    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"c-{criterion.pk}"] = VNDecimalField(min_value=0, label=criterion.text)

    def scores(self) -> dict:
        return {c.pk: self.cleaned_data[f"c-{c.pk}"] for c in self.criteria}


class LeaderVoteForm(MemberUnitForm):
    votes_for = VNIntegerField(min_value=0, max_value=1000, error_messages={"required": "Cần nhập số phiếu tán thành."})
    votes_total = VNIntegerField(min_value=1, max_value=1000, error_messages={"required": "Cần nhập tổng số phiếu."})
