"""One parser for numbers and dates, the same in web forms and Excel imports."""

import datetime
from decimal import Decimal

import pytest

from common.parsing import (
    ParseError,
    VNDateField,
    VNDecimalField,
    format_decimal,
    parse_date,
    parse_decimal,
    parse_id,
    parse_int,
    parse_year,
    query_year,
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("38.300", Decimal("38300")),
        ("8,2", Decimal("8.2")),
        ("152,5", Decimal("152.5")),
        ("152.5", Decimal("152.5")),
        ("1.860", Decimal("1860")),
        ("38.300,75", Decimal("38300.75")),
        ("1.234.567", Decimal("1234567")),
        ("1,234.5", Decimal("1234.5")),
        ("1,234,567", Decimal("1234567")),
        (" 56 000 ", Decimal("56000")),
        ("-3,5", Decimal("-3.5")),
        (140, Decimal("140")),
        (8.2, Decimal("8.2")),
        (Decimal("0.5"), Decimal("0.5")),
        ("", None),
        (None, None),
    ],
)
def test_parse_decimal_reads_vietnamese_numbers(text, expected):
    assert parse_decimal(text) == expected


@pytest.mark.parametrize("text", ["abc", "²", "NaN", "inf", "1e5", "1..2", "12,3,4", "1.23.4", "٣", "9" * 40, float("nan"), True])
def test_parse_decimal_refuses_what_is_not_a_number(text):
    with pytest.raises(ParseError):
        parse_decimal(text)


def test_excel_text_cell_and_web_form_agree():
    """"38.300" typed in a form and written in an Excel text cell is the same number."""
    from common.excel import ImportColumn

    column = ImportColumn("Giá trị", "value", parse_decimal)
    assert column.parser("38.300") == VNDecimalField().clean("38.300") == Decimal("38300")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("05/02/2026", datetime.date(2026, 2, 5)),
        ("5/2/2026", datetime.date(2026, 2, 5)),
        ("2026-02-05", datetime.date(2026, 2, 5)),
        (datetime.datetime(2026, 2, 5, 10, 0), datetime.date(2026, 2, 5)),
        ("", None),
    ],
)
def test_parse_date_reads_dd_mm_yyyy(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["31/02/2026", "01/01/0000", "01/01/99999", "2026/02/05", "hôm nay", "²/01/2026"])
def test_parse_date_refuses_impossible_dates(text):
    with pytest.raises(ParseError):
        parse_date(text)


def test_integers_and_ids_refuse_unicode_digits_and_huge_values():
    assert parse_int("2026") == 2026
    with pytest.raises(ParseError):
        parse_int("²")
    with pytest.raises(ParseError):
        parse_year("0")
    with pytest.raises(ParseError):
        parse_year("1" * 30)
    assert parse_id("12") == 12
    assert parse_id("²") is None
    assert parse_id(str(2**63)) is None
    assert parse_id("-1") is None
    assert query_year({"year": "²"}) is None
    assert query_year({"year": "2025"}) == 2025


def test_form_fields_give_vietnamese_errors_and_show_values_back():
    field = VNDecimalField(required=False, min_value=0)
    assert field.clean("") is None
    with pytest.raises(Exception, match="không phải là số"):
        field.clean("abc")
    with pytest.raises(Exception, match="nhỏ hơn"):
        field.clean("-1")
    assert field.prepare_value(Decimal("38300.50")) == "38.300,5"
    assert format_decimal(Decimal("152.5")) == "152,5"
    date_field = VNDateField(required=False)
    assert date_field.clean("05/02/2026") == datetime.date(2026, 2, 5)
    assert date_field.prepare_value(datetime.date(2026, 2, 5)) == "05/02/2026"
    with pytest.raises(Exception, match="ngày"):
        date_field.clean("32/01/2026")
