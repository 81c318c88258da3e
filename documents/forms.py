"""The draft editor: plain text areas that become the document's parts."""

from crispy_forms.helper import FormHelper
from django import forms

from common.parsing import VNDateField, VNYearField
from units.models import Unit

from .models import BlankPrintProfile, DocumentType, SigningPosition


def parse_body(text: str) -> list[dict]:
    """Blank lines separate sections; "## " starts a heading; "- " starts a numbered item."""
    sections, current = [], {"heading": "", "text": "", "items": []}
    for raw in (text or "").replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            if current["heading"] or current["text"] or current["items"]:
                sections.append(current)
            current = {"heading": "", "text": "", "items": []}
        elif line.startswith("## "):
            if current["heading"] or current["text"] or current["items"]:
                sections.append(current)
            current = {"heading": line[3:].strip(), "text": "", "items": []}
        elif line.startswith("- "):
            current["items"].append(line[2:].strip())
        else:
            current["text"] = f"{current['text']}\n{line}".strip()
    if current["heading"] or current["text"] or current["items"]:
        sections.append(current)
    return sections


def body_to_text(body: list[dict]) -> str:
    chunks = []
    for section in body:
        lines = []
        if section.get("heading"):
            lines.append(f"## {section['heading']}")
        if section.get("text"):
            lines.append(section["text"])
        lines += [f"- {item}" for item in section.get("items", [])]
        chunks.append("\n".join(lines))
    return "\n\n".join(chunks)


def lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class DocumentForm(forms.Form):
    doc_type = forms.ChoiceField(label="Loại văn bản", choices=DocumentType.choices)
    lead_issuer = forms.ModelChoiceField(label="Cơ quan ban hành (chủ trì)", queryset=Unit.objects.none())
    co_issuers = forms.ModelMultipleChoiceField(
        label="Cơ quan cùng ban hành (văn bản liên tịch)",
        queryset=Unit.objects.none(),
        required=False,
        help_text="Giữ Ctrl để chọn nhiều cơ quan. Thứ tự in theo thứ tự tên.",
    )
    subject = forms.CharField(label="Trích yếu", max_length=500)
    place_name = forms.CharField(label="Địa danh", max_length=80, required=False, help_text="Để trống: địa danh của cơ quan chủ trì.")
    legal_bases = forms.CharField(label="Căn cứ (mỗi dòng một căn cứ)", widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000)
    body = forms.CharField(
        label="Nội dung",
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=50000,
        help_text="Dòng trống ngăn cách các phần; dòng bắt đầu “## ” là tiêu đề phần; dòng bắt đầu “- ” là một mục được đánh số.",
    )
    recipients = forms.CharField(
        label="Nơi nhận (mỗi dòng một nơi)", widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=5000,
        help_text="Dòng “Lưu: VT, …” được thêm tự động.",
    )
    signer = forms.ModelChoiceField(
        label="Người ký của cơ quan chủ trì",
        queryset=SigningPosition.objects.none(),
        required=False,
        empty_label="Lãnh đạo có thẩm quyền ký của cơ quan",
        help_text="Chức vụ (kể cả KT., TM.) và họ tên in trên văn bản lấy từ tài khoản ký, không gõ tay. "
        "Mỗi cơ quan cùng ban hành có một chữ ký của lãnh đạo cơ quan đó.",
    )

    def __init__(self, *args, lead_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_issuer"].queryset = lead_choices
        self.fields["co_issuers"].queryset = Unit.objects.active().exclude(short_name="").order_by("name")
        self.fields["signer"].queryset = SigningPosition.objects.filter(unit__in=lead_choices, is_active=True).select_related("user", "unit")
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        data = super().clean()
        lead = data.get("lead_issuer")
        if lead is None:
            return data
        issuers = [lead] + [u for u in data.get("co_issuers", []) if u.pk != lead.pk]
        data["issuers"] = issuers
        position = data.get("signer")
        if position is not None and position.unit_id != lead.pk:
            self.add_error("signer", "Người ký phải là lãnh đạo của cơ quan chủ trì.")
        signers = [{"unit": lead, "account": position.user if position else None}]
        signers += [{"unit": unit} for unit in issuers[1:]]
        data["signer_rows"] = signers
        data["body_sections"] = parse_body(data.get("body", ""))
        if not data["body_sections"]:
            self.add_error("body", "Nội dung văn bản không được để trống.")
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "doc_type": data["doc_type"],
            "issuers": data["issuers"],
            "subject": data["subject"],
            "body": data["body_sections"],
            "legal_bases": lines(data["legal_bases"]),
            "recipients": lines(data["recipients"]),
            "signers": data["signer_rows"],
            "place_name": data["place_name"],
        }


def initial_from(document) -> dict:
    issuers = document.ordered_issuers()
    return {
        "doc_type": document.doc_type,
        "lead_issuer": issuers[0],
        "co_issuers": issuers[1:],
        "subject": document.subject,
        "place_name": document.place_name,
        "legal_bases": "\n".join(document.legal_bases),
        "body": body_to_text(document.body),
        "recipients": "\n".join(document.recipients),
        "signer": _lead_position(document),
    }


def _lead_position(document):
    block = document.signers.first()
    if block is None or block.account_id is None:
        return None
    return SigningPosition.objects.filter(user_id=block.account_id, unit_id=block.unit_id).first()


class RevokeForm(forms.Form):
    reason = forms.CharField(label="Lý do thu hồi", max_length=500)




class BlankProfileForm(forms.ModelForm):
    """A printer's calibration for one kind of blank."""

    class Meta:
        model = BlankPrintProfile
        fields = ["unit", "form", "printer_name", "paper_width_mm", "paper_height_mm", "offset_x_mm", "offset_y_mm"]

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_printer_name(self):
        return " ".join(self.cleaned_data["printer_name"].split())

    def validate_unique(self):
        # The service saves; uniqueness of (unit, form, printer) is still checked here for a clear message.
        super().validate_unique()

    def service_kwargs(self) -> dict:
        return {key: self.cleaned_data[key] for key in self.Meta.fields}


class IncomingForm(forms.Form):
    """A document received from another body, for the unit's register of incoming documents."""

    receiving_unit = forms.ModelChoiceField(label="Đơn vị nhận", queryset=None)
    issuer = forms.ModelChoiceField(label="Cơ quan ban hành", queryset=None)
    type_name = forms.CharField(label="Tên loại văn bản", max_length=60, widget=forms.TextInput(attrs={"list": "incoming-types"}))
    symbol = forms.CharField(label="Số, ký hiệu", max_length=60, help_text="Ví dụ: 01-CT/TU, 891/UBND-TH, 19/CT-TTg.")
    issued_on = VNDateField(label="Ngày ban hành")
    subject = forms.CharField(label="Trích yếu nội dung", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    received_on = VNDateField(label="Ngày đến", required=False, help_text="Để trống: hôm nay. Văn bản đến từ trước được đánh dấu nhập bổ sung.")
    implements = forms.ModelChoiceField(label="Thực hiện văn bản (nếu có)", queryset=None, required=False)

    def __init__(self, *args, receiving_units, user, **kwargs):
        from units.models import Unit

        from .models import IncomingDocument

        super().__init__(*args, **kwargs)
        self.fields["receiving_unit"].queryset = receiving_units
        self.fields["issuer"].queryset = Unit.objects.visible_to(user).order_by("-is_external", "name")
        self.fields["implements"].queryset = IncomingDocument.objects.filter(receiving_unit__in=receiving_units).select_related("issuer")


class IncomingFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=100)
    unit = forms.ModelChoiceField(queryset=None, required=False)
    year = VNYearField(required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
