"""Forms of campaigns: every value a page sends is parsed and validated here, never read raw in a view.

Numbers are read by ``common.parsing`` (38.300; 8,2), dates as dd/mm/yyyy. Field names of the target and
report tables (``t-<indicator>-value``, ``v-<target>``…) are kept stable for the templates and Excel.
"""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms

from common.parsing import VNDateField, VNIntegerField
from documents.models import IncomingDocument, SigningPosition
from units.models import Cluster, Role, Unit, UnitKind
from units.pickers import UnitMultiplePickerField, UnitPickerField
from units.scoping import role_units

from ..models import (
    Campaign,
    CampaignKind,
    CampaignScope,
    CampaignStatus,
    Indicator,
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
    parent_document = forms.ModelChoiceField(
        label="Hưởng ứng văn bản của cấp trên (trong sổ văn bản đến)", queryset=IncomingDocument.objects.none(), required=False,
        help_text="Chỉ thị, kế hoạch của cấp trên không triển khai trên hệ thống: vào sổ văn bản đến trước, rồi chọn ở đây; căn cứ in trên kế hoạch.",
    )
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
        self.fields["participants"].queryset = Unit.objects.visible_to(user).filter(is_active=True, is_external=False).order_by("path")
        self.fields["parent_document"].queryset = IncomingDocument.objects.filter(
            receiving_unit__in=role_units(user, Role.CAMPAIGN_MANAGER).values("pk")
        ).select_related("issuer").order_by("-issued_on")
        self.fields["clusters"].queryset = Cluster.objects.visible_to(user).order_by("name")
        self.fields["indicators"].queryset = Indicator.objects.active().available_to(user).order_by("name")
        for name in ("clusters", "indicators"):
            self.fields[name].widget.attrs["size"] = 8
        self.helper = FormHelper()
        self.helper.form_tag = False

    @classmethod
    def initial_for(cls, campaign: Campaign) -> dict:
        links = list(campaign.issuer_links.select_related("unit").order_by("order"))
        return {
            **{name: getattr(campaign, name) for name in (
                "name", "kind", "scope", "launch_document_type", "parent", "parent_document", "start_date", "end_date", "registration_deadline",
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


class PastCampaignForm(CampaignForm):
    """A campaign that already happened, with the plan that launched it (its real number and date)."""

    plan_number = VNIntegerField(label="Số của văn bản phát động", required=False, min_value=1, max_value=99999,
                                 help_text="Số thật của kế hoạch, chỉ thị đã ban hành; để trống nếu không rõ.")
    plan_date = VNDateField(label="Ngày ban hành văn bản phát động")
    status = forms.ChoiceField(label="Tình trạng phong trào", choices=[
        (CampaignStatus.CLOSED, "Đã kết thúc"), (CampaignStatus.FINAL_REVIEWED, "Đã tổng kết"),
        (CampaignStatus.MIDTERM_REVIEWED, "Đã sơ kết, đang thực hiện"), (CampaignStatus.IN_PROGRESS, "Đang thực hiện"),
    ])

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        # the units merged in 2025 took part in their own past campaigns
        self.fields["participants"].queryset = Unit.objects.visible_to(user).filter(is_external=False).order_by("-is_active", "path")

    def clean(self):
        data = super().clean()
        plan_date, start = data.get("plan_date"), data.get("start_date")
        if plan_date and start and plan_date > data.get("end_date", plan_date):
            self.add_error("plan_date", "Văn bản phát động phải ban hành trước khi phong trào kết thúc.")
        return data


class CampaignFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=100)
    status = forms.ChoiceField(required=False, choices=[("", "Mọi trạng thái"), *CampaignStatus.choices])


class SignerForm(forms.Form):
    """Who signs for the lead issuer: one of its declared signing positions, or any of its leaders who holds one.

    Nobody types a title or a name: the signature block prints the signing account's position and full name
    (Nghị định 30/2020/NĐ-CP, Phụ lục I, ô 7a–7b)."""

    signer = forms.ModelChoiceField(
        label="Người ký", queryset=SigningPosition.objects.none(), required=False,
        empty_label="Lãnh đạo có chức vụ ký của cơ quan (người ký đầu tiên)",
        error_messages={"invalid_choice": "Người ký không thuộc cơ quan chủ trì."},
    )

    def __init__(self, *args, issuer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signer"].queryset = signing_positions(issuer)
        self.fields["signer"].label_from_instance = position_label


def signing_positions(issuer):
    """The active signing positions of an issuer, the head first."""
    if issuer is None:
        return SigningPosition.objects.none()
    return SigningPosition.objects.filter(unit=issuer, is_active=True).select_related("user").order_by("authority", "title")


def position_label(position: SigningPosition) -> str:
    head = f"{position.authority} {position.authority_body} – " if position.authority else ""
    return f"{head}{position.title}: {position.user.get_full_name()}"


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
