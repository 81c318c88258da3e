"""Forms of awards: every value a page or a query string sends is parsed and validated here.

Years, dates and ids go through ``common.parsing`` (ASCII digits, dd/mm/yyyy, bounded years), so a
malformed value gives a Vietnamese message, never a server error.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms

from common.parsing import VNDateField, VNDecimalField, VNYearField
from units.models import Person, Unit, UnitKind, User
from units.pickers import PersonPickerField, UnitPickerField
from units.scoping import own_unit_scope_filter

from .models import (
    AwardCategory,
    AwardKind,
    AwardLevel,
    AwardRound,
    CertificateLayout,
    Denominator,
    DisciplineLevel,
    DossierDocument,
    EligibilityCheck,
    InitiativeScope,
    NominationStatus,
    RatingLevel,
    RoundKind,
    Subject,
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


# Who may have decided an award recorded in a history: bodies of the sector and outside it.
DECIDER_KINDS = ("ministry", "government", "province", "provincial_department", "agency", "enterprise", "public_service", "trade_union", "other")


class AwardRecordForm(SubjectForm):
    award_kind = forms.ModelChoiceField(queryset=AwardKind.objects.all(), error_messages={"required": "Chọn danh hiệu, hình thức."})
    year = VNYearField(error_messages=YEAR_REQUIRED)
    decision = forms.CharField(required=False, max_length=200)
    deciding_unit = UnitPickerField(label="Cơ quan, người quyết định", required=False, unit_kinds=DECIDER_KINDS)
    decided_on = VNDateField(required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["deciding_unit"].queryset = Unit.objects.visible_to(user).filter(kind__in=DECIDER_KINDS)


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
        self.fields["award_kind"].queryset = AwardKind.objects.filter(is_active=True).available_to(user)
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
    """A round to open (with its deciding unit) or to correct (``units`` None: the deciding unit stays)."""

    name = forms.CharField(max_length=300, error_messages={"required": "Cần nhập tên đợt xét."})
    kind = forms.ChoiceField(choices=RoundKind.choices, error_messages={"invalid_choice": "Loại đợt xét không hợp lệ."})
    deciding_unit = forms.ModelChoiceField(queryset=Unit.objects.none(), error_messages={"required": "Chọn cơ quan quyết định.", "invalid_choice": "Cơ quan quyết định không hợp lệ."})
    campaign = forms.ModelChoiceField(queryset=None, required=False, error_messages={"invalid_choice": "Phong trào không hợp lệ."})
    achievement_year = VNYearField(error_messages=YEAR_REQUIRED)
    opens_on = VNDateField(error_messages={"required": "Cần ngày mở đợt xét."})
    closes_on = VNDateField(error_messages={"required": "Cần hạn nộp hồ sơ."})

    def __init__(self, *args, units, campaigns, **kwargs):
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["deciding_unit"]
        else:
            self.fields["deciding_unit"].queryset = units
        self.fields["campaign"].queryset = campaigns


class DecisionDraftForm(forms.Form):
    """Which title or form the decision gives (one per decision); the signer comes from the signing account."""

    award_kind = forms.ModelChoiceField(queryset=AwardKind.objects.all(), required=False, error_messages={"invalid_choice": "Danh hiệu, hình thức không hợp lệ."})


class SearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=100)


class RuleSetChoiceForm(forms.Form):
    ruleset = forms.ModelChoiceField(queryset=None, required=False)

    def __init__(self, *args, rulesets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ruleset"].queryset = rulesets


def _fraction(percent):
    """A percentage typed as 66,7 stored as the fraction 0.667."""
    return None if percent is None else (percent / 100).quantize(Decimal("0.001"))


class CouncilForm(forms.Form):
    """A council's members, chair, secretary and the minimums of its own rules of procedure (in %)."""

    name = forms.CharField(label="Tên Hội đồng", max_length=300, error_messages={"required": "Cần nhập tên Hội đồng."})
    chair = forms.ModelChoiceField(label="Chủ tịch", queryset=User.objects.none(), error_messages={"required": "Chọn chủ tịch Hội đồng.", "invalid_choice": "Chủ tịch không hợp lệ."})
    secretary = forms.ModelChoiceField(label="Thư ký", queryset=User.objects.none(), error_messages={"required": "Chọn thư ký Hội đồng.", "invalid_choice": "Thư ký không hợp lệ."})
    members = forms.ModelMultipleChoiceField(label="Thành viên", queryset=User.objects.none(), required=False, error_messages={"invalid_choice": "Thành viên không hợp lệ."})
    quorum_percent = VNDecimalField(required=False, min_value=0, max_digits=5, decimal_places=1, label="Tỷ lệ có mặt tối thiểu (%)")
    threshold_percent = VNDecimalField(required=False, min_value=0, max_digits=5, decimal_places=1, label="Tỷ lệ tán thành tối thiểu (%)")

    def __init__(self, *args, accounts, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("chair", "secretary", "members"):
            self.fields[name].queryset = accounts
        if units is not None:
            self.fields["unit"] = forms.ModelChoiceField(queryset=units, error_messages={"required": "Chọn đơn vị.", "invalid_choice": "Đơn vị không hợp lệ."})

    def clean(self):
        data = super().clean()
        for field in ("quorum_percent", "threshold_percent"):
            if data.get(field) is not None and data[field] > 100:
                self.add_error(field, "Tỷ lệ không quá 100 %.")
        return data

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        return {
            **{k: v for k, v in data.items() if k not in ("quorum_percent", "threshold_percent")},
            "quorum_fraction": _fraction(data.get("quorum_percent")), "pass_threshold": _fraction(data.get("threshold_percent")),
        }


def _choice(label: str, choices, **kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(choices=choices, label=label, error_messages={"invalid_choice": f"{label} không hợp lệ."}, **kwargs)


class AwardKindForm(forms.Form):
    """A title or form of the catalogue and its rule in the rule set in force (vote rule fractions typed in %)."""

    name = forms.CharField(label="Tên", max_length=200, error_messages={"required": "Cần nhập tên danh hiệu, hình thức."})
    subject = _choice("Đối tượng", Subject.choices)
    category = _choice("Loại", AwardCategory.choices)
    level = _choice("Cấp", AwardLevel.choices)
    deciding_body = forms.CharField(label="Người, cơ quan tặng", max_length=200, required=False)
    decider_unit_kinds = forms.MultipleChoiceField(label="Cơ quan có thẩm quyền quyết định", choices=UnitKind.choices, required=False,
                                                   error_messages={"invalid_choice": "Loại cơ quan quyết định không hợp lệ."})
    certificate_title = forms.CharField(label="Tên in trên bằng, cờ", max_length=120, required=False)
    certificate_layout = _choice("Mẫu in", CertificateLayout.choices)
    eligibility_check = _choice("Cách xét điều kiện", EligibilityCheck.choices)
    article = forms.CharField(label="Điều khoản áp dụng", max_length=300, required=False)
    dossier = forms.MultipleChoiceField(label="Hồ sơ bắt buộc", choices=DossierDocument.choices, required=False,
                                        error_messages={"invalid_choice": "Thành phần hồ sơ không hợp lệ."})
    reward_multiple = VNDecimalField(label="Hệ số tiền thưởng (lần mức lương cơ sở)", required=False, min_value=0, max_digits=5)
    vote_secret = forms.BooleanField(label="Bỏ phiếu kín", required=False)
    quorum_percent = VNDecimalField(label="Tỷ lệ có mặt tối thiểu (%)", min_value=0, max_digits=5, decimal_places=1,
                                    error_messages={"required": "Cần tỷ lệ có mặt tối thiểu (%)."})
    threshold_percent = VNDecimalField(label="Tỷ lệ tán thành (%)", min_value=0, max_digits=5, decimal_places=1,
                                       error_messages={"required": "Cần tỷ lệ tán thành (%)."})
    denominator = _choice("Mẫu số tính tỷ lệ tán thành", Denominator.choices)
    absentee_votes = forms.BooleanField(label="Cho phép thành viên vắng mặt gửi phiếu", required=False)
    is_active = forms.BooleanField(label="Đang dùng", required=False)

    def __init__(self, *args, owners=None, sector: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if owners is None:
            return
        del self.fields["is_active"]
        self.fields["owner"] = forms.ModelChoiceField(
            queryset=owners, required=not sector, label="Đơn vị quản lý danh mục",
            error_messages={"required": "Chọn đơn vị quản lý danh mục.", "invalid_choice": "Đơn vị quản lý danh mục không hợp lệ."},
        )

    def clean(self):
        data = super().clean()
        for field in ("quorum_percent", "threshold_percent"):
            if data.get(field) is not None and data[field] > 100:
                self.add_error(field, "Tỷ lệ không quá 100 %.")
        return data

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        quorum, threshold = data.pop("quorum_percent"), data.pop("threshold_percent")
        return {**data, "quorum_fraction": _fraction(quorum), "pass_threshold": _fraction(threshold)}
