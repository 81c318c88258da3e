from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth.forms import AuthenticationForm

from .models import ClusterKind, Person, Role, RoleScope, Unit, User
from .pickers import UnitPickerField


class VietnameseFormMixin:
    submit_label = "Lưu"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", self.submit_label))


class UserCreateForm(VietnameseFormMixin, forms.Form):
    submit_label = "Tạo tài khoản"
    username = forms.CharField(label="Tên đăng nhập", max_length=150)
    full_name = forms.CharField(label="Họ và tên", max_length=120)
    email = forms.EmailField(label="Thư điện tử", required=False)
    unit = UnitPickerField(Unit.objects.active(), label="Đơn vị công tác", active_only=True)
    password1 = forms.CharField(label="Mật khẩu", widget=forms.PasswordInput, help_text="Ít nhất 12 ký tự.")
    password2 = forms.CharField(label="Nhập lại mật khẩu", widget=forms.PasswordInput)

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", "Hai mật khẩu không khớp.")
        return data


class UserUpdateForm(VietnameseFormMixin, forms.ModelForm):
    unit = UnitPickerField(Unit.objects.active(), label="Đơn vị công tác", required=False, active_only=True)

    class Meta:
        model = User
        fields = ["full_name", "email", "unit"]


class RoleAssignForm(VietnameseFormMixin, forms.Form):
    submit_label = "Giao vai trò"
    role = forms.ChoiceField(label="Vai trò", choices=Role.choices)
    unit = UnitPickerField(Unit.objects.active(), label="Đơn vị", active_only=True)
    scope = forms.ChoiceField(label="Phạm vi", choices=RoleScope.choices, initial=RoleScope.SUBTREE)


class PersonForm(VietnameseFormMixin, forms.ModelForm):
    class Meta:
        model = Person
        fields = ["full_name", "gender", "position", "date_of_birth"]
        widgets = {"date_of_birth": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}, format="%d/%m/%Y")}


class LoginForm(AuthenticationForm):
    """Django's login form with its messages in Vietnamese (the vi catalogue lacks them)."""

    error_messages = {
        "invalid_login": "Vui lòng nhập chính xác tên đăng nhập và mật khẩu. Lưu ý: cả hai đều phân biệt chữ hoa, chữ thường.",
        "inactive": "Tài khoản này đã bị khóa.",
    }


class ClusterEditForm(forms.Form):
    name = forms.CharField(label="Tên cụm, khối", max_length=255, error_messages={"required": "Cần nhập tên cụm, khối thi đua."})
    kind = forms.ChoiceField(label="Loại", choices=ClusterKind.choices, error_messages={"invalid_choice": "Loại cụm, khối không hợp lệ."})
    description = forms.CharField(label="Mô tả", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    is_active = forms.BooleanField(label="Đang hoạt động", required=False)


class ClusterForm(ClusterEditForm):
    organiser = forms.ModelChoiceField(
        label="Đơn vị tổ chức", queryset=Unit.objects.none(),
        error_messages={"required": "Chọn đơn vị tổ chức cụm, khối.", "invalid_choice": "Đơn vị tổ chức không hợp lệ."},
    )

    def __init__(self, *args, organisers, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["is_active"]
        self.fields["organiser"].queryset = organisers


class ClusterYearForm(forms.Form):
    """A year's members, lead and deputy, chosen among the units the cluster may hold."""

    members = forms.ModelMultipleChoiceField(
        queryset=Unit.objects.none(), required=False, error_messages={"invalid_choice": "Đơn vị “%(value)s” không thuộc phạm vi của cụm, khối."}
    )
    lead = forms.ModelChoiceField(queryset=Unit.objects.none(), required=False, error_messages={"invalid_choice": "Đơn vị trưởng không hợp lệ."})
    deputy = forms.ModelChoiceField(queryset=Unit.objects.none(), required=False, error_messages={"invalid_choice": "Đơn vị phó không hợp lệ."})

    def __init__(self, *args, pool, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("members", "lead", "deputy"):
            self.fields[name].queryset = pool


EXTERNAL_KINDS = [("government", "Chính phủ, Thủ tướng Chính phủ"), ("ministry", "Bộ, cơ quan ngang Bộ"), ("province", "UBND tỉnh/thành phố"),
                  ("party_committee", "Tỉnh ủy, Thành ủy"), ("other", "Cơ quan, tổ chức khác")]


class ExternalBodyForm(forms.Form):
    """A body outside the sector that issues directives or decides awards (it has no accounts)."""

    name = forms.CharField(label="Tên cơ quan", max_length=255, error_messages={"required": "Cần nhập tên cơ quan."},
                           widget=forms.TextInput(attrs={"class": "form-control"}))
    kind = forms.ChoiceField(label="Loại", choices=EXTERNAL_KINDS, widget=forms.Select(attrs={"class": "form-select"}))
    short_name = forms.CharField(label="Chữ viết tắt", max_length=20, required=False, help_text="Ví dụ: TTg, BNV, UBND, TU.",
                                 widget=forms.TextInput(attrs={"class": "form-control"}))
    place_name = forms.CharField(label="Địa danh", max_length=80, required=False, widget=forms.TextInput(attrs={"class": "form-control"}))
