"""Forms of campaigns: the draft editor (a manager launches it from the campaign page)."""

from crispy_forms.helper import FormHelper
from django import forms

from units.models import Cluster, Unit, UnitKind

from .models import Campaign, CampaignKind, CampaignScope, Indicator, LaunchDocumentType, ReportCycle

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CampaignForm(forms.Form):
    name = forms.CharField(label="Tên phong trào", max_length=300)
    kind = forms.ChoiceField(label="Hình thức", choices=CampaignKind.choices)
    scope = forms.ChoiceField(label="Phạm vi", choices=CampaignScope.choices)
    lead_issuer = forms.ModelChoiceField(label="Cơ quan phát động", queryset=Unit.objects.none())
    co_issuer = forms.ModelChoiceField(
        label="Cơ quan cùng phát động (phong trào liên tịch)", queryset=Unit.objects.none(), required=False
    )
    launch_document_type = forms.ChoiceField(label="Văn bản phát động", choices=LaunchDocumentType.choices)
    parent = forms.ModelChoiceField(label="Thực hiện phong trào cấp trên", queryset=Campaign.objects.none(), required=False)
    start_date = forms.DateField(label="Ngày bắt đầu", widget=DATE)
    end_date = forms.DateField(label="Ngày kết thúc", widget=DATE)
    registration_deadline = forms.DateField(label="Hạn đăng ký thi đua", widget=DATE, required=False)
    midterm_date = forms.DateField(label="Ngày sơ kết", widget=DATE, required=False)
    final_date = forms.DateField(label="Ngày tổng kết", widget=DATE, required=False)
    report_period = forms.ChoiceField(label="Kỳ báo cáo tiến độ", choices=ReportCycle.choices, initial=ReportCycle.QUARTER)
    legal_basis = forms.CharField(label="Căn cứ (mỗi dòng một căn cứ)", widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000)
    objectives = forms.CharField(label="Mục tiêu", widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000)
    contents = forms.CharField(label="Nội dung thi đua (mỗi dòng một nội dung)", widget=forms.Textarea(attrs={"rows": 5}), max_length=20000)
    criteria = forms.CharField(label="Tiêu chí thi đua", widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000)
    planned_awards = forms.CharField(label="Hình thức khen thưởng dự kiến", max_length=500, required=False)
    participants = forms.ModelMultipleChoiceField(label="Đơn vị tham gia", queryset=Unit.objects.none(), required=False)
    all_provincial_departments = forms.BooleanField(
        label="Thêm tất cả Sở Công Thương các tỉnh, thành phố (đang hoạt động)", required=False
    )
    clusters = forms.ModelMultipleChoiceField(
        label="Cụm, khối tham gia (các đơn vị thành viên năm bắt đầu được thêm vào)", queryset=Cluster.objects.none(), required=False
    )
    indicators = forms.ModelMultipleChoiceField(label="Chỉ tiêu đề nghị đăng ký", queryset=Indicator.objects.filter(is_active=True), required=False)

    def __init__(self, *args, issuer_choices, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_issuer"].queryset = issuer_choices
        self.fields["co_issuer"].queryset = Unit.objects.active().exclude(short_name="").order_by("name")
        self.fields["parent"].queryset = Campaign.objects.visible_to(user).order_by("-start_date")
        self.fields["participants"].queryset = Unit.objects.visible_to(user).filter(is_active=True).order_by("path")
        self.fields["clusters"].queryset = Cluster.objects.visible_to(user).order_by("name")
        for name in ("participants", "clusters", "indicators"):
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
