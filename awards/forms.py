"""Forms of awards: every value a page or a query string sends is parsed and validated here.

Years, dates and ids go through ``common.parsing`` (ASCII digits, dd/mm/yyyy, bounded years), so a
malformed value gives a Vietnamese message, never a server error.
"""

from __future__ import annotations

from django import forms

from common.parsing import VNDateField, VNYearField
from units.models import Person, Unit
from units.pickers import PersonPickerField, UnitPickerField
from units.scoping import own_unit_scope_filter

from .models import (
    AwardKind,
    AwardRound,
    DisciplineLevel,
    DossierDocument,
    InitiativeScope,
    NominationStatus,
    RatingLevel,
    RoundKind,
    VoteChoice,
)

YEAR_REQUIRED = {"required": "Cần nhập năm."}


class SubjectForm(forms.Form):
    """A person or a collective within the account's scope (``person`` wins when both are sent)."""

    person = forms.ModelChoiceField(queryset=Person.objects.none(), required=False)
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.visible_to(user)
        self.fields["unit"].queryset = Unit.objects.visible_to(user)

    def clean(self):
        data = super().clean()
        if data.get("person") is not None:
            data["unit"] = None
        elif data.get("unit") is None and not self.errors:
            raise forms.ValidationError("Chọn cá nhân hoặc tập thể.")
        return data

    def subject(self) -> dict:
        return {"person": self.cleaned_data.get("person"), "unit": self.cleaned_data.get("unit")}


class AwardRecordForm(SubjectForm):
    award_kind = forms.ModelChoiceField(queryset=AwardKind.objects.all(), error_messages={"required": "Chọn danh hiệu, hình thức."})
    year = VNYearField(error_messages=YEAR_REQUIRED)
    decision = forms.CharField(required=False, max_length=200)


class RatingForm(SubjectForm):
    year = VNYearField(error_messages=YEAR_REQUIRED)
    level = forms.ChoiceField(choices=RatingLevel.choices, error_messages={"invalid_choice": "Mức xếp loại không hợp lệ."})


class InitiativeForm(SubjectForm):
    year = VNYearField(error_messages=YEAR_REQUIRED)
    title = forms.CharField(max_length=300)
    scope = forms.ChoiceField(choices=InitiativeScope.choices)
    recognising_decision = forms.CharField(required=False, max_length=200)
    is_topic = forms.BooleanField(required=False)


class DisciplineForm(SubjectForm):
    year = VNYearField(error_messages=YEAR_REQUIRED)
    level = forms.ChoiceField(choices=DisciplineLevel.choices)
    decision = forms.CharField(required=False, max_length=200)

    def clean(self):
        data = super().clean()
        if data.get("person") is None and not self.errors:
            raise forms.ValidationError("Kỷ luật chỉ ghi cho cá nhân.")
        return data


HISTORY_ENTRY_FORMS = {"xep-loai": RatingForm, "sang-kien": InitiativeForm, "ky-luat": DisciplineForm}


class RevokeForm(forms.Form):
    revoking_decision = forms.CharField(max_length=200, error_messages={"required": "Cần số, ngày quyết định hủy bỏ."})


class UploadForm(forms.Form):
    file = forms.FileField(error_messages={"required": "Chưa chọn tệp Excel."})


class EligibilityCheckForm(forms.Form):
    """The eligibility check page (GET): a title, a year and a subject chosen by name."""

    award = forms.ModelChoiceField(label="Danh hiệu, hình thức", queryset=AwardKind.objects.all(), to_field_name="code", required=False)
    year = VNYearField(label="Năm thành tích", required=False)
    person = PersonPickerField(label="Cá nhân", required=False)
    unit = UnitPickerField(label="hoặc tập thể", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.visible_to(user)
        self.fields["unit"].queryset = Unit.objects.visible_to(user)

    def ready(self) -> bool:
        return self.is_valid() and bool(self.cleaned_data.get("award") and self.cleaned_data.get("year")) and bool(
            self.cleaned_data.get("person") or self.cleaned_data.get("unit")
        )


class HonourBoardForm(forms.Form):
    year = VNYearField(required=False)
    unit = forms.CharField(required=False, max_length=100)
    award = forms.ModelChoiceField(queryset=AwardKind.objects.all(), to_field_name="code", required=False)

    def value(self, name):
        self.is_valid()
        return None if name in self.errors else self.cleaned_data.get(name)


class NominationFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=100)
    status = forms.ChoiceField(required=False, choices=[("", "Mọi trạng thái"), *NominationStatus.choices])
    format = forms.ChoiceField(required=False, choices=[("", ""), ("xlsx", "Excel")])


class NominationForm(forms.Form):
    proposing_unit = forms.ModelChoiceField(queryset=Unit.objects.none(), error_messages={"required": "Chọn đơn vị đề nghị."})
    round = forms.ModelChoiceField(queryset=AwardRound.objects.none(), error_messages={"required": "Chọn đợt xét."})
    award_kind = forms.ModelChoiceField(queryset=AwardKind.objects.filter(is_active=True), error_messages={"required": "Chọn danh hiệu, hình thức."})
    person = PersonPickerField(label="Cá nhân (để trống nếu đề nghị cho tập thể)", required=False, active_only=True)
    unit = UnitPickerField(label="Tập thể (để trống: chính đơn vị đề nghị)", required=False, active_only=True, own_only=True)
    achievement = forms.CharField(max_length=5000, error_messages={"required": "Cần tóm tắt thành tích."})

    def __init__(self, *args, user, units, rounds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposing_unit"].queryset = units
        self.fields["round"].queryset = rounds
        # who may be proposed: persons and collectives of the account's own units (the service's rule)
        self.fields["person"].queryset = Person.objects.visible_to(user).filter(is_active=True)
        self.fields["unit"].queryset = Unit.objects.filter(own_unit_scope_filter(user, field="pk"), is_active=True)

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        person = data.pop("person")
        unit = None if person else (data.pop("unit") or data["proposing_unit"])
        data.pop("unit", None)
        return {**data, "person": person, "unit": unit}


class DossierForm(forms.Form):
    document = forms.ChoiceField(choices=DossierDocument.choices, error_messages={"required": "Chọn thành phần hồ sơ."})
    file = forms.FileField(error_messages={"required": "Chọn tệp hồ sơ."})


class SessionForm(forms.Form):
    council = forms.ModelChoiceField(queryset=None, error_messages={"required": "Chọn Hội đồng."})
    title = forms.CharField(max_length=300, error_messages={"required": "Cần tên phiên họp."})
    held_on = VNDateField(error_messages={"required": "Cần ngày họp hợp lệ."})

    def __init__(self, *args, councils, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils


class AttendanceForm(forms.Form):
    present = forms.ModelMultipleChoiceField(queryset=None, required=False)

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = council.members.all()


class AgendaForm(forms.Form):
    nomination = forms.ModelChoiceField(queryset=None, error_messages={"required": "Chọn hồ sơ."})
    quota_reason = forms.CharField(required=False, max_length=500)

    def __init__(self, *args, council, **kwargs):
        from .models import Nomination

        super().__init__(*args, **kwargs)
        self.fields["nomination"].queryset = Nomination.objects.filter(round__deciding_unit=council.unit)


class VoteForm(forms.Form):
    choice = forms.ChoiceField(choices=VoteChoice.choices, error_messages={"required": "Phiếu không hợp lệ.", "invalid_choice": "Phiếu không hợp lệ."})
    confirmed = forms.BooleanField(required=False)  # the member saw the confirmation page


class RoundForm(forms.Form):
    name = forms.CharField(max_length=300)
    kind = forms.ChoiceField(choices=RoundKind.choices)
    deciding_unit = forms.ModelChoiceField(queryset=Unit.objects.none())
    campaign = forms.ModelChoiceField(queryset=None, required=False)
    achievement_year = VNYearField()
    opens_on = VNDateField()
    closes_on = VNDateField()

    def __init__(self, *args, units, campaigns, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deciding_unit"].queryset = units
        self.fields["campaign"].queryset = campaigns


class SignerForm(forms.Form):
    signer_title = forms.CharField(max_length=160, error_messages={"required": "Cần chức vụ người ký quyết định."})
    signer_name = forms.CharField(max_length=120, error_messages={"required": "Cần họ tên người ký quyết định."})


class SearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=100)


class RuleSetChoiceForm(forms.Form):
    ruleset = forms.ModelChoiceField(queryset=None, required=False)

    def __init__(self, *args, rulesets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ruleset"].queryset = rulesets
