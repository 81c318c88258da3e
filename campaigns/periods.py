"""Report periods of a campaign: their bounds, due dates, and which one is due or overdue.

Pure functions over dates; no queries. A report is due ``REPORT_GRACE_DAYS`` after its period ends.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError

REPORT_GRACE_DAYS = 10

# The last month each period covers; index limits per period type.
MAX_INDEX = {"month": 12, "quarter": 4, "half": 1, "nine_months": 1, "year": 1}
LABELS = {"month": "Tháng", "quarter": "Quý", "half": "6 tháng", "nine_months": "9 tháng", "year": "Năm"}


def _end_month(period_type: str, index: int) -> int:
    return {"month": index, "quarter": index * 3, "half": 6, "nine_months": 9, "year": 12}[period_type]


def _start_month(period_type: str, index: int) -> int:
    return {"month": index, "quarter": index * 3 - 2}.get(period_type, 1)


def _month_end(year: int, month: int) -> datetime.date:
    first_next = datetime.date(year + 1, 1, 1) if month == 12 else datetime.date(year, month + 1, 1)
    return first_next - datetime.timedelta(days=1)


@dataclass(frozen=True)
class Period:
    period_type: str
    index: int
    year: int

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, _start_month(self.period_type, self.index), 1)

    @property
    def end(self) -> datetime.date:
        return _month_end(self.year, _end_month(self.period_type, self.index))

    @property
    def due_date(self) -> datetime.date:
        return self.end + datetime.timedelta(days=REPORT_GRACE_DAYS)

    @property
    def key(self) -> int:
        return self.year * 100 + _end_month(self.period_type, self.index)

    @property
    def label(self) -> str:
        if self.period_type in ("month", "quarter"):
            return f"{LABELS[self.period_type]} {self.index}/{self.year}"
        if self.period_type == "year":
            return f"Năm {self.year}"
        return f"{LABELS[self.period_type]} năm {self.year}"


def validate_period(period_type: str, index: int, year: int, *, start: datetime.date, end: datetime.date) -> Period:
    """The period, if its type and index are valid and it overlaps the campaign; else a Vietnamese error."""
    if period_type not in MAX_INDEX:
        raise ValidationError("Loại kỳ báo cáo không hợp lệ.", code="bad_period")
    if not 1 <= index <= MAX_INDEX[period_type]:
        raise ValidationError(
            f"Kỳ số của kỳ “{LABELS[period_type]}” phải từ 1 đến {MAX_INDEX[period_type]}.", code="bad_period_index"
        )
    period = Period(period_type, index, year)
    if period.end < start or period.start > end:
        raise ValidationError(
            f"Kỳ {period.label} nằm ngoài thời gian phong trào ({start:%d/%m/%Y} – {end:%d/%m/%Y}).", code="period_outside"
        )
    return period


def campaign_periods(*, cycle: str, start: datetime.date, end: datetime.date) -> list[Period]:
    """The periods a campaign asks reports for, in order: month, quarter, half (6 months and year) or year."""
    kinds = {
        "month": [("month", i) for i in range(1, 13)],
        "quarter": [("quarter", i) for i in range(1, 5)],
        "half": [("half", 1), ("year", 1)],
        "nine_months": [("nine_months", 1), ("year", 1)],
        "year": [("year", 1)],
    }.get(cycle, [("quarter", i) for i in range(1, 5)])
    periods = []
    for year in range(start.year, end.year + 1):
        for period_type, index in kinds:
            period = Period(period_type, index, year)
            if period.end >= start and period.start <= end:
                periods.append(period)
    return periods


def last_due_period(periods: list[Period], today: datetime.date) -> Period | None:
    """The latest period whose report was due before ``today``."""
    due = [p for p in periods if p.due_date < today]
    return due[-1] if due else None


def next_due_period(periods: list[Period], today: datetime.date) -> Period | None:
    """The first period whose report is due today or later."""
    return next((p for p in periods if p.due_date >= today), None)
