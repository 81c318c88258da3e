"""Forms of campaigns: every value a page sends is parsed and validated here, never read raw in a view.

Numbers are read by ``common.parsing`` (38.300; 8,2), dates as dd/mm/yyyy. Field names of the target and
report tables (``t-<indicator>-value``, ``v-<target>``…) are kept stable for the templates and Excel.
"""

from __future__ import annotations

from django import forms

from common.parsing import VNDecimalField, VNIntegerField


class ReportForm(forms.Form):
    """A report's cumulative values (``v-<target>``), done flags (``d-<target>``) and same-period values
    (``s-<target>``), with the version the page was read at (optimistic locking)."""

    narrative = forms.CharField(required=False, max_length=20000)
    submit = forms.BooleanField(required=False)  # "Lưu và gửi báo cáo"
    version = VNIntegerField(min_value=0, max_value=2**31 - 1, error_messages={"required": "Thiếu phiên bản của báo cáo."})

    def __init__(self, *args, targets, **kwargs):
        self.targets = list(targets)
        super().__init__(*args, **kwargs)
        for target in self.targets:
            name = target.indicator.name
            self.fields[f"v-{target.pk}"] = VNDecimalField(required=False, min_value=0, label=name)
            self.fields[f"d-{target.pk}"] = forms.BooleanField(required=False)
            self.fields[f"s-{target.pk}"] = VNDecimalField(required=False, min_value=0, label=f"{name} (cùng kỳ)")

    def values(self) -> dict:
        return {t.pk: (self.cleaned_data.get(f"v-{t.pk}"), bool(self.cleaned_data.get(f"d-{t.pk}"))) for t in self.targets}

    def same_period(self) -> dict:
        return {t.pk: self.cleaned_data.get(f"s-{t.pk}") for t in self.targets}

    def sent(self) -> bool:
        """Whether the page sent the report's values (the report form always carries its version)."""
        return "version" in self.data

    def error_list(self) -> list[str]:
        """Each error with the indicator it belongs to."""
        messages = []
        for name, errors in self.errors.items():
            label = self.fields[name].label if name in self.fields and name != "__all__" else ""
            messages += [f"{label}: {e}" if label else e for e in errors]
        return messages


class ReportCreateForm(forms.Form):
    period = forms.ChoiceField(error_messages={"invalid_choice": "Kỳ báo cáo không hợp lệ.", "required": "Chọn kỳ báo cáo."})

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [(c["value"], c["label"]) for c in choices]

    def period_kwargs(self) -> dict:
        period_type, index, year = self.cleaned_data["period"].split("-")
        return {"period_type": period_type, "period_index": int(index), "year": int(year)}


class UploadForm(forms.Form):
    file = forms.FileField(error_messages={"required": "Chưa chọn tệp.", "empty": "Tệp rỗng."})


class EvidenceForm(UploadForm):
    target = forms.ModelChoiceField(queryset=None, required=False)

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = report.registration.targets.all()

    def has_file(self) -> bool:
        """Whether a file was chosen (the report form sends the file input empty otherwise)."""
        return bool(self.files.get("file"))
