"""Forms of campaigns: every value a page sends is parsed and validated here, never read raw in a view.

Numbers are read by ``common.parsing`` (38.300; 8,2), dates as dd/mm/yyyy. Field names of the target and
report tables (``t-<indicator>-value``, ``v-<target>``…) are kept stable for the templates and Excel.
"""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms

from common.parsing import VNDateField, VNDecimalField, VNIntegerField
from common.text import nfc
from units.models import Cluster, Unit, UnitKind
from units.pickers import UnitMultiplePickerField, UnitPickerField

from .models import (
    Campaign,
    CampaignKind,
    CampaignScope,
    CampaignStatus,
    Direction,
    Indicator,
    IndicatorKind,
    LaunchDocumentType,
    ReportCycle,
)


class CampaignForm(forms.Form):
    name = forms.CharField(label="Tên phong trào", max_length=300)
    kind = forms.ChoiceField(label="Hình thức", choices=CampaignKind.choices)
    scope = forms.ChoiceField(label="Phạm vi", choices=CampaignScope.choices)
    lead_issuer = forms.ModelChoiceField(label="Cơ quan phát động", queryset=Unit.objects.none())
    co_issuer = UnitPickerField(label="Cơ quan cùng phát động (phong trào liên tịch)", required=False, active_only=True)
    launch_document_type = forms.ChoiceField(label="Văn bản phát động", choices=LaunchDocumentType.choices)
    parent = forms.ModelChoiceField(label="Thực hiện phong trào cấp trên", queryset=Campaign.objects.none(), required=False)
    start_date = VNDateField(label="Ngày bắt đầu")
    end_date = VNDateField(label="Ngày kết thúc")
    registration_deadline = VNDateField(label="Hạn đăng ký thi đua", required=False)
    midterm_date = VNDateField(label="Ngày sơ kết", required=False)
    final_date = VNDateField(label="Ngày tổng kết", required=False)
    report_period = forms.ChoiceField(label="Kỳ báo cáo tiến độ", choices=ReportCycle.choices, initial=ReportCycle.QUARTER)
    legal_basis = forms.CharField(label="Căn cứ (mỗi dòng một căn cứ)", widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000)
    objectives = forms.CharField(label="Mục tiêu", widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000)
    contents = forms.CharField(label="Nội dung thi đua (mỗi dòng một nội dung)", widget=forms.Textarea(attrs={"rows": 5}), max_length=20000)
    criteria = forms.CharField(label="Tiêu chí thi đua", widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000)
    planned_awards = forms.CharField(label="Hình thức khen thưởng dự kiến", max_length=500, required=False)
    participants = UnitMultiplePickerField(label="Đơn vị tham gia", required=False, active_only=True)
    all_provincial_departments = forms.BooleanField(
        label="Thêm tất cả Sở Công Thương các tỉnh, thành phố (đang hoạt động)", required=False
    )
    clusters = forms.ModelMultipleChoiceField(
        label="Cụm, khối tham gia (các đơn vị thành viên năm bắt đầu được thêm vào)", queryset=Cluster.objects.none(), required=False
    )
    indicators = forms.ModelMultipleChoiceField(label="Chỉ tiêu đề nghị đăng ký", queryset=Indicator.objects.filter(is_active=True), required=False)

    def __init__(self, *args, issuer_choices, user, exclude_parent=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_issuer"].queryset = issuer_choices
        self.fields["co_issuer"].queryset = Unit.objects.active().exclude(short_name="").order_by("name")
        parents = Campaign.objects.visible_to(user).order_by("-start_date")
        self.fields["parent"].queryset = parents.exclude(pk=exclude_parent.pk) if exclude_parent else parents
        self.fields["participants"].queryset = Unit.objects.visible_to(user).filter(is_active=True).order_by("path")
        self.fields["clusters"].queryset = Cluster.objects.visible_to(user).order_by("name")
        for name in ("clusters", "indicators"):
            self.fields[name].widget.attrs["size"] = 8
        self.helper = FormHelper()
        self.helper.form_tag = False

    @classmethod
    def initial_for(cls, campaign: Campaign) -> dict:
        links = list(campaign.issuer_links.select_related("unit").order_by("order"))
        return {
            **{name: getattr(campaign, name) for name in (
                "name", "kind", "scope", "launch_document_type", "parent", "start_date", "end_date", "registration_deadline",
                "midterm_date", "final_date", "report_period", "legal_basis", "objectives", "criteria", "planned_awards",
            )},
            "lead_issuer": links[0].unit if links else None,
            "co_issuer": links[1].unit if len(links) > 1 else None,
            "contents": "\n".join(c.text for c in campaign.contents.order_by("order")),
            "participants": list(campaign.participants.all()),
            "clusters": list(campaign.clusters.all()),
            "indicators": list(campaign.indicators.all()),
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "Ngày kết thúc phải sau ngày bắt đầu.")
        deadline = data.get("registration_deadline")
        if deadline and end and deadline > end:
            self.add_error("registration_deadline", "Hạn đăng ký phải trong thời gian phong trào.")
        if not data.get("participants") and not data.get("clusters") and not data.get("all_provincial_departments"):
            self.add_error("participants", "Chọn ít nhất một đơn vị hoặc một cụm, khối tham gia.")
        return data

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        lead, co = data.pop("lead_issuer"), data.pop("co_issuer")
        clusters = list(data.pop("clusters"))
        participants = set(data.pop("participants"))
        if data.pop("all_provincial_departments", False):
            participants |= set(Unit.objects.active().filter(kind=UnitKind.PROVINCIAL_DEPARTMENT))
        for cluster in clusters:
            participants |= {m.unit for m in cluster.memberships.filter(year=data["start_date"].year).select_related("unit")}
        return {
            **data,
            "issuers": [lead] + ([co] if co and co != lead else []),
            "contents": [line.strip() for line in data.pop("contents").splitlines() if line.strip()],
            "participants": sorted(participants, key=lambda u: u.name),
            "clusters": clusters,
            "indicators": list(data.pop("indicators")),
        }


class CampaignFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=100)
    status = forms.ChoiceField(required=False, choices=[("", "Mọi trạng thái"), *CampaignStatus.choices])


class SignerForm(forms.Form):
    signer_title = forms.CharField(label="Chức vụ người ký", max_length=160, error_messages={"required": "Cần nhập chức vụ người ký."})
    signer_name = forms.CharField(label="Họ và tên người ký", max_length=120, error_messages={"required": "Cần nhập họ tên người ký."})


class ReviewForm(SignerForm):
    kind = forms.ChoiceField(choices=[("midterm", "Sơ kết"), ("final", "Tổng kết")])

    @property
    def final(self) -> bool:
        return self.cleaned_data["kind"] == "final"


class TransitionForm(forms.Form):
    to = forms.ChoiceField(choices=CampaignStatus.choices, error_messages={"invalid_choice": "Trạng thái không hợp lệ."})


class DecisionForm(forms.Form):
    """Approve (or accept) or return, with a comment that a return needs."""

    decision = forms.ChoiceField(choices=[("approve", "Duyệt"), ("accept", "Tiếp nhận"), ("return", "Trả lại")])
    comment = forms.CharField(required=False, max_length=2000)

    @property
    def approve(self) -> bool:
        return self.cleaned_data["decision"] in ("approve", "accept")


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
                required=False, choices=Direction.choices, initial=target.direction if target else Direction.AT_LEAST
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
                    "direction": data.get(key + "direction") or Direction.AT_LEAST,
                    "deadline": deadline,
                    "note": nfc(data.get(key + "note") or ""),
                }
            )
        return rows


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


class IndicatorForm(forms.Form):
    name = forms.CharField(max_length=300)
    unit_of_measure = forms.CharField(required=False, max_length=40)
    kind = forms.ChoiceField(choices=IndicatorKind.choices)
    code = forms.CharField(required=False, max_length=60)


class SearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=100)


SORT_CHOICES = [
    ("-percent", "% hoàn thành giảm dần"),
    ("percent", "% hoàn thành tăng dần"),
    ("unit", "Tên đơn vị"),
    ("-achieved", "Nhiều chỉ tiêu đạt, vượt"),
    ("-behind", "Nhiều chỉ tiêu chưa đạt"),
]


class DashboardFilterForm(forms.Form):
    """Filters and sort of the dashboard; a malformed value is ignored, never an error page."""

    province = forms.ModelChoiceField(queryset=Unit.objects.filter(kind=UnitKind.PROVINCE, is_active=True).order_by("name"), required=False)
    cluster = forms.ModelChoiceField(queryset=Cluster.objects.none(), required=False)
    kind = forms.ChoiceField(choices=[("", "Mọi loại đơn vị"), *UnitKind.choices], required=False)
    sort = forms.ChoiceField(choices=SORT_CHOICES, required=False)
    export = forms.ChoiceField(choices=[("", ""), ("xlsx", "Excel")], required=False)

    def __init__(self, *args, clusters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = clusters

    def value(self, name, default=None):
        """The cleaned value of a valid field, else ``default``."""
        self.is_valid()
        if name in self.errors:
            return default
        return self.cleaned_data.get(name) or default


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
