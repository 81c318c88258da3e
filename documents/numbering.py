"""Numbers and symbols of official documents (Nghị định 30/2020/NĐ-CP, Điều 15, 22; Phụ lục III).

A register is one issuer × year × series. Its counter row is locked (SELECT … FOR UPDATE)
while the next number is taken, and a unique constraint on issued documents makes a
duplicate impossible even if a caller forgets the lock. Numbers restart at 01 on 1 January
by Asia/Ho_Chi_Minh time and are never reused: a revoked document keeps its number.

Number and symbol are unique for an issuer within a year across all its series (Điều 22 khoản 1),
so each separate series yields a distinct symbol:
- a council, board or team (tổ chức tư vấn) numbers in its own series and its symbol carries its own
  abbreviation: ``02/BB-HĐTĐKT`` (Điều 15 khoản 1 điểm b);
- secret documents have their own series (Điều 22 khoản 2) and a symbol part chosen by the head of
  the issuer (Điều 15 khoản 2 điểm b), ``IssuerSettings.secret_symbol_suffix``: ``01/QĐ-BCT-M``.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from units.models import Unit

from .models import TYPE_ABBREVIATIONS, AdvisoryBody, DocumentType, IssuerSettings, RegisterCounter, Series, SeriesMode

COUNCIL_NAME = "Hội đồng Thi đua - Khen thưởng"
COUNCIL_ABBREVIATION = "HĐTĐKT"


def local_today():
    """Today in Asia/Ho_Chi_Minh: the date that decides the register year."""
    return timezone.localdate()


def issuer_settings(unit: Unit) -> IssuerSettings:
    found = IssuerSettings.objects.filter(unit=unit).first()
    return found or IssuerSettings(unit=unit)


def register_key(*, issuer: Unit, series: str, doc_type: str, advisory_body: AdvisoryBody | None = None) -> str:
    """The counter a document draws from: the series, split by type when the issuer says so.

    Each advisory body of the issuer has a register of its own (``advisory:<id>``).
    """
    if advisory_body is not None:
        return f"advisory:{advisory_body.pk}"
    if series == Series.MAIN and issuer_settings(issuer).series_mode == SeriesMode.PER_TYPE:
        return f"{series}:{doc_type}"
    return series


def council_body(unit: Unit) -> AdvisoryBody:
    """The unit's Hội đồng Thi đua - Khen thưởng as an issuing advisory body, created on first use."""
    body, _ = AdvisoryBody.objects.get_or_create(
        unit=unit, short_name=COUNCIL_ABBREVIATION, defaults={"name": COUNCIL_NAME}
    )
    return body


def register_next_number(*, issuer: Unit, year: int, key: str) -> int:
    """Take the next number of a register. Precondition: inside ``transaction.atomic``."""
    return register_take(issuer=issuer, year=year, key=key, count=1)


def register_take(*, issuer: Unit, year: int, key: str, count: int) -> int:
    """Take ``count`` consecutive numbers of a register under one lock of its counter; return the first.

    Precondition: inside ``transaction.atomic``, so that a rollback returns them all (no gap), and
    the lock is held until commit (no other transaction takes any of them).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("register_next_number must run inside a transaction")
    if count < 1:
        raise ValueError("count must be at least 1")
    RegisterCounter.objects.get_or_create(issuer=issuer, year=year, series=key)
    counter = RegisterCounter.objects.select_for_update().get(issuer=issuer, year=year, series=key)
    counter.last_number += count
    counter.save(update_fields=["last_number"])
    return counter.last_number - count + 1


def register_reserve_at_least(*, issuer: Unit, year: int, key: str, number: int) -> None:
    """Move a counter up to ``number`` (historical documents keep their real numbers)."""
    RegisterCounter.objects.get_or_create(issuer=issuer, year=year, series=key)
    counter = RegisterCounter.objects.select_for_update().get(issuer=issuer, year=year, series=key)
    if counter.last_number < number:
        counter.last_number = number
        counter.save(update_fields=["last_number"])


@transaction.atomic
def golden_book_next(*, issuer: Unit, year: int | None = None) -> str:
    """The next golden-book number (số sổ vàng) of an issuer, from a register of its own."""
    return golden_book_numbers(issuer=issuer, year=year, count=1)[0]


@transaction.atomic
def golden_book_numbers(*, issuer: Unit, year: int | None = None, count: int) -> list[str]:
    """``count`` consecutive golden-book numbers, in order: one decision's awards, taken at once."""
    year = year or local_today().year
    first = register_take(issuer=issuer, year=year, key=Series.GOLDEN_BOOK, count=count)
    return [f"{number:02d}/{year}/SV-{issuer.short_name}" for number in range(first, first + count)]


def format_number(number: int) -> str:
    """Zero-pad numbers below 10 (Phụ lục I, ô số 3)."""
    return f"{number:02d}"


def build_symbol(
    *,
    number: int,
    doc_type: str,
    issuers: list[Unit],
    drafting_unit: Unit | None = None,
    advisory_body: AdvisoryBody | None = None,
    series: str = Series.MAIN,
) -> str:
    """"05/KH-SCT"; công văn "125/SCT-VP"; joint "01/CTLT-BCT-CĐCT" (pattern set per lead issuer);
    council "02/BB-HĐTĐKT"; secret "01/QĐ-BCT-M"."""
    return f"{format_number(number)}/{symbol_tail(doc_type=doc_type, issuers=issuers, drafting_unit=drafting_unit, advisory_body=advisory_body, series=series)}"


def symbol_tail(
    *,
    doc_type: str,
    issuers: list[Unit],
    drafting_unit: Unit | None = None,
    advisory_body: AdvisoryBody | None = None,
    series: str = Series.MAIN,
) -> str:
    """The symbol after "số/": type abbreviation and issuer abbreviations (Điều 15 khoản 2)."""
    lead = issuers[0]
    abbreviation = TYPE_ABBREVIATIONS[DocumentType(doc_type)]
    settings_ = issuer_settings(lead)
    if advisory_body is not None:
        own = [advisory_body.short_name]
    else:
        own = [u.short_name for u in issuers]
    if doc_type == DocumentType.OFFICIAL_LETTER:
        parts = list(own)
        if drafting_unit is not None and drafting_unit.short_name and advisory_body is None:
            parts.append(drafting_unit.short_name)
        tail = "-".join(parts)
    elif len(issuers) > 1 and advisory_body is None and doc_type != DocumentType.COVENANT:
        tail = settings_.joint_symbol_pattern.format(type=abbreviation, issuers="-".join(own))
    else:
        tail = f"{abbreviation}-{own[0]}"
    if series == Series.SECRET and settings_.secret_symbol_suffix:
        tail = f"{tail}-{settings_.secret_symbol_suffix}"
    return tail


MONTHS_WITH_ZERO = {1, 2}


def vietnamese_date(value) -> str:
    """"ngày 05 tháng 02 năm 2026", "ngày 15 tháng 3 năm 2026" (leading zero: days 01–09, months 01–02)."""
    month = f"{value.month:02d}" if value.month in MONTHS_WITH_ZERO else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"
