"""Forms of campaigns: every value a page sends is parsed and validated here, never read raw in a view.

Numbers are read by ``common.parsing`` (38.300; 8,2), dates as dd/mm/yyyy. Field names of the target and
report tables (``t-<indicator>-value``, ``v-<target>``…) are kept stable for the templates and Excel.
"""

from __future__ import annotations

from django import forms

from common.parsing import VNDateField, VNDecimalField
from common.text import nfc

from ..models import (
    Campaign,
    Direction,
    IndicatorKind,
)


class RegistrationForm(forms.Form):
    """The targets a unit registers: one row per indicator the campaign proposes.

    A row counts when it carries a registered value; a milestone row when its box is ticked (or it has a
    deadline). Fields: ``t-<indicator>-value|baseline|direction|deadline|note|include``.
    """

    titles = forms.CharField(required=False, max_length=500)
    submit = forms.BooleanField(required=False)  # "Lưu và gửi duyệt"

    def __init__(self, *args, campaign: Campaign, indicators, current=None, **kwargs):
        self.campaign, self.indicators = campaign, list(indicators)
        existing = {t.indicator_id: t for t in current.targets.all()} if current else {}
        initial = kwargs.setdefault("initial", {})
        if current is not None:
            initial.setdefault("titles", current.titles)
        super().__init__(*args, **kwargs)
        for indicator in self.indicators:
            prefix, target = f"t-{indicator.pk}-", existing.get(indicator.pk)
            self.fields[prefix + "include"] = forms.BooleanField(required=False, initial=target is not None)
            self.fields[prefix + "value"] = VNDecimalField(required=False, min_value=0, initial=target.target_value if target else None)
            self.fields[prefix + "baseline"] = VNDecimalField(required=False, min_value=0, initial=target.baseline if target else None)
            self.fields[prefix + "direction"] = forms.ChoiceField(
                required=False, choices=Direction.choices, initial=target.direction if target else indicator.target_direction
            )
            self.fields[prefix + "deadline"] = VNDateField(required=False, initial=target.deadline if target else None)
            self.fields[prefix + "note"] = forms.CharField(required=False, max_length=500, initial=target.note if target else "")

    def rows(self):
        """Each indicator with its bound fields, for the template."""
        return [
            {"indicator": i, **{key: self[f"t-{i.pk}-{key}"] for key in ("include", "value", "baseline", "direction", "deadline", "note")}}
            for i in self.indicators
        ]

    def clean(self):
        data = super().clean()
        for indicator in self.indicators:
            deadline = data.get(f"t-{indicator.pk}-deadline")
            if deadline and not self.campaign.start_date <= deadline <= self.campaign.end_date:
                self.add_error(f"t-{indicator.pk}-deadline", f"{indicator.name}: thời hạn {deadline:%d/%m/%Y} nằm ngoài thời gian phong trào.")
        if not self.errors and not self.targets():
            raise forms.ValidationError("Cần ít nhất một chỉ tiêu đăng ký: nhập giá trị đăng ký (hoặc chọn mốc hoàn thành).")
        return data

    def targets(self) -> list[dict]:
        data, rows = self.cleaned_data, []
        for indicator in self.indicators:
            key = f"t-{indicator.pk}-"
            value, deadline = data.get(key + "value"), data.get(key + "deadline")
            milestone = indicator.kind == IndicatorKind.MILESTONE
            counted = (data.get(key + "include") or deadline is not None) if milestone else (value is not None or data.get(key + "include"))
            if not counted:
                continue
            rows.append(
                {
                    "indicator": indicator,
                    "target_value": None if milestone else value,
                    "baseline": None if milestone else data.get(key + "baseline"),
                    "direction": data.get(key + "direction") or indicator.target_direction,
                    "deadline": deadline,
                    "note": nfc(data.get(key + "note") or ""),
                }
            )
        return rows
