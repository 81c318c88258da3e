"""Forms of the verification page and of the certificate screens."""

from django import forms

from .models import CODE_LENGTH, normalise_code
from .verify import MAX_UPLOAD_BYTES


class CodeForm(forms.Form):
    code = forms.CharField(label="Mã tra cứu", max_length=20, help_text="In ở lề dưới văn bản, ví dụ 7K3M-Q9TX-2B.")

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if len(code) != CODE_LENGTH:
            raise forms.ValidationError("Mã tra cứu gồm 10 ký tự chữ và số.", code="code_length")
        return code


class UploadForm(forms.Form):
    file = forms.FileField(label="Tệp PDF cần kiểm tra")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("Tệp quá lớn (tối đa 20 MB).", code="too_large")
        data = upload.read()
        if not data.startswith(b"%PDF-"):
            raise forms.ValidationError("Tệp tải lên không phải là tệp PDF.", code="not_pdf")
        self.cleaned_data["data"] = data
        return upload


class Pkcs12Form(forms.Form):
    file = forms.FileField(label="Tệp chứng thư số (.p12, .pfx)")
    password = forms.CharField(label="Mật khẩu của tệp", widget=forms.PasswordInput, required=False, strip=False)
    image = forms.FileField(
        label="Ảnh chữ ký / con dấu (PNG nền trong suốt)", required=False,
        help_text="Người ký: ảnh chữ ký màu xanh. Cơ quan: ảnh con dấu màu đỏ, đúng kích thước thật (Phụ lục I, Nghị định 30/2020/NĐ-CP).",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 64 * 1024:
            raise forms.ValidationError("Tệp chứng thư số quá lớn.", code="too_large")
        return upload.read()

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        return upload.read() if upload else b""


class Pkcs11Form(forms.Form):
    token_label = forms.CharField(label="Nhãn thiết bị (token)", max_length=120)
    key_label = forms.CharField(label="Nhãn khóa và chứng thư trên thiết bị", max_length=120)
    image = forms.FileField(
        label="Ảnh con dấu (PNG nền trong suốt)", required=False,
        help_text="Ảnh con dấu màu đỏ, đúng kích thước thật (Phụ lục I, Nghị định 30/2020/NĐ-CP).",
    )

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        return upload.read() if upload else b""


class CredentialActionForm(forms.Form):
    """Which of the two registration forms of the organisation certificate screen was sent."""

    kind = forms.ChoiceField(choices=[("pkcs12", "PKCS#12"), ("pkcs11", "PKCS#11")])


class CredentialSearchForm(forms.Form):
    q = forms.CharField(label="Tên cơ quan, đơn vị", max_length=120, required=False)
