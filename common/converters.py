"""Path converters for ids and years: a value out of range is "no such page" (404), never a 500.

``<int:pk>`` matches any run of digits, so ``/don-vi/99999999999999999999/`` reached the database
with a number above 2^63, which SQLite refuses with an OverflowError. ``<id:pk>`` matches only ids
that fit a bigint; ``<year:year>`` only years from 1900 to 2100.
"""

from django.urls import register_converter

from .parsing import BIGINT_MAX, MAX_YEAR, MIN_YEAR


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 1 <= number <= BIGINT_MAX:
            raise ValueError(value)  # the URL does not match: 404
        return number

    def to_url(self, value) -> str:
        return str(int(value))


class YearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        year = int(value)
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise ValueError(value)
        return year

    def to_url(self, value) -> str:
        return str(int(value))


register_converter(IdConverter, "id")
register_converter(YearConverter, "year")
