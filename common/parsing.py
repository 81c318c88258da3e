"""The one reader of numbers and dates as Vietnamese users write them, for web forms and Excel alike.

- "38.300" is thirty-eight thousand three hundred (dot groups thousands), "8,2" and "152,5" have a
  decimal comma; a plain "152.5" (one dot, not three digits after it) is read as a decimal too.
- Dates are dd/mm/yyyy (d/m/yyyy and dd-mm-yyyy accepted), or yyyy-mm-dd from a date picker.
- Only ASCII digits count: "²" or "٣" are refused, never passed on to ``int()``.

Every parser returns ``None`` for an empty value and raises ``ParseError`` (a ``ValueError``) with a
Vietnamese message otherwise.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation

from django import forms

MIN_YEAR, MAX_YEAR = 1900, 2100
MAX_DIGITS = 18
BIGINT_MAX = 2**63 - 1

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_VN_GROUPED = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")
_EN_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^[+-]?\d+([.,]\d+)?$")
_INTEGER = re.compile(r"^[+-]?[0-9]+$")
_DATE_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


class ParseError(ValueError):
    """A value that is not a number or date; the message is Vietnamese and safe to show."""


def shorten(value, limit: int = 40) -> str:
    """A value echoed in a message, cut so that a huge cell never fills the page."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not _SPACES.sub("", value))


def parse_decimal(value) -> Decimal | None:
    """A number typed the Vietnamese way (38.300; 8,2) or a numeric Excel cell."""
    if _blank(value):
        return None
    if isinstance(value, bool):
        raise ParseError(f"“{shorten(value)}” không phải là số")
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
    else:
        text = _SPACES.sub("", str(value))
        if len(text) > MAX_DIGITS + 8 or not text.isascii():
            raise ParseError(f"“{shorten(value)}” không phải là số")
        if _VN_GROUPED.match(text):
            text = text.replace(".", "").replace(",", ".")
        elif _EN_GROUPED.match(text) and ("." in text or text.count(",") > 1):
            text = text.replace(",", "")
        elif _PLAIN.match(text):
            text = text.replace(",", ".")
        else:
            raise ParseError(f"“{shorten(value)}” không phải là số")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ParseError(f"“{shorten(value)}” không phải là số") from None
    if not number.is_finite():
        raise ParseError(f"“{shorten(value)}” không phải là số")
    if len(number.as_tuple().digits) > MAX_DIGITS or abs(number) >= Decimal(10) ** 14:
        raise ParseError(f"“{shorten(value)}” quá lớn")
    return number


def parse_int(value, *, minimum: int | None = None, maximum: int | None = None) -> int | None:
    """A whole number of ASCII digits within the bounds given."""
    if _blank(value):
        return None
    if isinstance(value, bool):
        raise ParseError(f"“{shorten(value)}” không phải là số nguyên")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float | Decimal):
        if value != int(value):
            raise ParseError(f"“{shorten(value)}” không phải là số nguyên")
        number = int(value)
    else:
        text = _SPACES.sub("", str(value))
        if len(text) > MAX_DIGITS + 1 or not _INTEGER.match(text):
            raise ParseError(f"“{shorten(value)}” không phải là số nguyên")
        number = int(text)
    if minimum is not None and number < minimum:
        raise ParseError(f"{number} nhỏ hơn giá trị tối thiểu {minimum}")
    if maximum is not None and number > maximum:
        raise ParseError(f"{number} lớn hơn giá trị tối đa {maximum}")
    return number


def parse_year(value) -> int | None:
    """A calendar year between 1900 and 2100."""
    try:
        return parse_int(value, minimum=MIN_YEAR, maximum=MAX_YEAR)
    except ParseError:
        raise ParseError(f"“{shorten(value)}” không phải là năm hợp lệ ({MIN_YEAR}–{MAX_YEAR})") from None


def parse_date(value) -> datetime.date | None:
    """dd/mm/yyyy (or yyyy-mm-dd from a date picker), a date or a datetime cell."""
    if _blank(value):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _SPACES.sub("", str(value))
    match = _DATE_DMY.match(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
    elif match := _DATE_ISO.match(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise ParseError(f"“{shorten(value)}” không phải là ngày dd/mm/yyyy")
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ParseError(f"“{shorten(value)}”: năm phải trong khoảng {MIN_YEAR}–{MAX_YEAR}")
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise ParseError(f"“{shorten(value)}” không phải là ngày có thật") from None


def parse_id(value) -> int | None:
    """A database id from a query string or a form: a positive integer that fits a bigint, else None."""
    try:
        return parse_int(value, minimum=1, maximum=BIGINT_MAX)
    except ParseError:
        return None


def query_int(params, key: str, *, minimum: int | None = None, maximum: int | None = None) -> int | None:
    """An integer query parameter, or None when it is missing or malformed (never an exception)."""
    try:
        return parse_int(params.get(key), minimum=minimum, maximum=maximum)
    except ParseError:
        return None


def query_year(params, key: str = "year") -> int | None:
    return query_int(params, key, minimum=MIN_YEAR, maximum=MAX_YEAR)


def format_decimal(value) -> str:
    """A number as Vietnamese users write it, for a form field: 38.300 and 8,2 (no trailing zeros)."""
    if value is None:
        return ""
    number = Decimal(value).normalize()
    sign = "-" if number < 0 else ""
    whole, _, fraction = f"{abs(number):f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


# --- Form fields --------------------------------------------------------------------------------


class VNDecimalField(forms.Field):
    """A number typed as 38.300 or 8,2; shown back the same way."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def __init__(self, *, min_value: Decimal | int | None = None, max_digits: int = 16, decimal_places: int = 2, **kwargs):
        self.min_value, self.max_digits, self.decimal_places = min_value, max_digits, decimal_places
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            return format_decimal(value)
        return value

    def to_python(self, value):
        try:
            number = parse_decimal(value)
        except ParseError as error:
            raise forms.ValidationError(str(error) + ".", code="invalid") from None
        if number is None:
            return None
        if self.min_value is not None and number < self.min_value:
            raise forms.ValidationError(f"Giá trị không được nhỏ hơn {format_decimal(self.min_value)}.", code="min_value")
        exponent = number.as_tuple().exponent
        if exponent < 0 and -exponent > self.decimal_places:
            raise forms.ValidationError(f"Tối đa {self.decimal_places} chữ số sau dấu phẩy.", code="decimal_places")
        if len(number.as_tuple().digits) + exponent > self.max_digits - self.decimal_places:
            raise forms.ValidationError("Giá trị quá lớn.", code="max_digits")
        return number


class VNDateField(forms.Field):
    """A date typed dd/mm/yyyy (a date picker's yyyy-mm-dd is accepted too)."""

    widget = forms.TextInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"})

    def prepare_value(self, value):
        if isinstance(value, datetime.date):
            return value.strftime("%d/%m/%Y")
        return value

    def to_python(self, value):
        try:
            return parse_date(value)
        except ParseError as error:
            raise forms.ValidationError(str(error) + ".", code="invalid") from None


class VNIntegerField(forms.Field):
    """A whole number of ASCII digits within bounds (a year, a count)."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})

    def __init__(self, *, min_value: int | None = None, max_value: int | None = None, **kwargs):
        self.min_value, self.max_value = min_value, max_value
        super().__init__(**kwargs)

    def to_python(self, value):
        try:
            return parse_int(value, minimum=self.min_value, maximum=self.max_value)
        except ParseError as error:
            raise forms.ValidationError(str(error) + ".", code="invalid") from None


class VNYearField(VNIntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", MIN_YEAR)
        kwargs.setdefault("max_value", MAX_YEAR)
        super().__init__(**kwargs)
