"""Ten years of ratings and awards for every generated person and unit, and one national round of nominations.

The shares follow the law's thresholds loosely: most people complete their tasks well (htt) and
become Lao động tiên tiến; one in six or so of those rated htxs becomes Chiến sĩ thi đua cơ sở
(capped at 15 % of LĐTT, Art 23 Luật TĐKT 2022); Bằng khen and Ministry titles are rarer.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from awards.models import AwardKind, AwardRecord, AwardRound, Nomination, NominationStatus, Rating, RoundKind

from .bulk import take_ids, write
from .organisation import Organisation

COLLECTIVE_EVERY = 5
COLLECTIVE_KINDS = ["tldxs", "co-bo", "bk-bo", "tldtt"]
INDIVIDUAL_KINDS = ["cstdcs", "bk-bo", "cstd-bo", "ldtt"]
LEVELS = [("htxs", 0.18), ("htt", 0.55), ("ht", 0.22), ("kht", 0.05)]


def _level(rng: random.Random) -> str:
    draw, total = rng.random(), 0.0
    for level, share in LEVELS:
        total += share
        if draw < total:
            return level
    return "kht"


def _decision(year: int, short: str, number: int) -> tuple[str, datetime.date]:
    day = datetime.date(year + 1, 1, 10) + datetime.timedelta(days=number % 60)
    return f"Quyết định số {number}/QĐ-{short or 'BCT'} ngày {day:%d/%m/%Y}", day


def generate_history(*, organisation: Organisation, years: list[int], rng: random.Random) -> dict[str, int]:
    kinds = dict(AwardKind.objects.values_list("code", "pk"))
    ranks = dict(AwardKind.objects.values_list("pk", "sort_order"))
    ratings, records = [], []
    counts = {"ratings": 0, "award records": 0}

    def flush():
        counts["ratings"] += write(Rating, ["person_id", "unit_id", "year", "level"], ratings)
        counts["award records"] += write(
            AwardRecord, ["person_id", "unit_id", "award_kind_id", "year", "decision", "decided_on", "achievement", "revoked",
                          "revoking_decision", "rank"], (row + (ranks[row[2]],) for row in records))
        ratings.clear()
        records.clear()

    for person, unit in organisation.persons:
        short = organisation.short_of.get(unit, "")
        streak = 0
        for year in years:
            level = _level(rng)
            ratings.append((person, None, year, level))
            if level not in ("htxs", "htt") or rng.random() > 0.92:
                streak = 0
                continue
            decision, day = _decision(year, short, 100 + person % 400)
            records.append((person, None, kinds["ldtt"], year, decision, day, "", False, ""))
            if level == "htxs" and rng.random() < 0.6:
                streak += 1
                records.append((person, None, kinds["cstdcs"], year, decision, day, "Có sáng kiến được công nhận", False, ""))
                if streak >= 2 and rng.random() < 0.25:
                    ministry_decision, ministry_day = _decision(year, "BCT", 2000 + person % 900)
                    records.append((person, None, kinds["bk-bo"], year, ministry_decision, ministry_day, "", False, ""))
                if streak >= 3 and rng.random() < 0.15:
                    ministry_decision, ministry_day = _decision(year, "BCT", 3000 + person % 900)
                    records.append((person, None, kinds["cstd-bo"], year, ministry_decision, ministry_day, "", False, ""))
            else:
                streak = 0
        if len(records) > 200_000:
            flush()
    rated = set(Rating.objects.filter(unit_id__in=organisation.participants).values_list("unit_id", "year"))
    for unit in organisation.participants:
        for year in years:
            if (unit, year) in rated:  # the demo's own history stays as it is
                continue
            level = _level(rng)
            ratings.append((None, unit, year, level))
            if level in ("htxs", "htt") and rng.random() < 0.8:
                decision, day = _decision(year, organisation.short_of.get(unit, ""), 50 + unit % 50)
                records.append((None, unit, kinds["tldtt"], year, decision, day, "", False, ""))
                if level == "htxs" and rng.random() < 0.4:
                    ministry_decision, ministry_day = _decision(year, "BCT", 1000 + unit % 500)
                    records.append((None, unit, kinds["tldxs"], year, ministry_decision, ministry_day, "", False, ""))
                    if rng.random() < 0.1:
                        records.append((None, unit, kinds["co-bo"], year, ministry_decision, ministry_day, "", False, ""))
    flush()
    # A few records were later revoked (Art 93): they stay on file and stop counting.
    revoked = list(AwardRecord.objects.filter(person_id__in=[p for p, _ in organisation.persons[:2000:97]]).values_list("pk", flat=True)[:20])
    AwardRecord.objects.filter(pk__in=revoked).update(revoked=True, revoking_decision="Quyết định hủy bỏ số 15/QĐ-BCT")
    return counts


def generate_round(*, label: str, organisation: Organisation, nominations: int, year: int, rng: random.Random) -> AwardRound:
    """One national round for ``year`` with ``nominations`` nominations: individuals and collectives."""
    award_round = AwardRound.objects.create(
        name=f"Xét khen thưởng thành tích năm {year} toàn ngành Công Thương ({label})",
        kind=RoundKind.ANNUAL, deciding_unit=organisation.ministry, achievement_year=year,
        opens_on=datetime.date(year, 11, 1), closes_on=datetime.date(year + 1, 1, 15),
    )
    kinds = dict(AwardKind.objects.values_list("code", "pk"))
    units = list(organisation.participants)
    rng.shuffle(units)
    # Every fifth nomination is a collective's; the titles and forms take turns, so that any page of the
    # list shows every kind (and eligibility reads the same tables whatever the round's size).
    collectives = min(len(units), nominations // COLLECTIVE_EVERY + (1 if nominations % COLLECTIVE_EVERY else 0))
    persons = rng.sample(organisation.persons, min(len(organisation.persons), nominations - collectives))
    now = timezone.now()
    rows = []
    next_unit = next_person = 0
    for index in range(collectives + len(persons)):
        status = rng.choices([NominationStatus.SUBMITTED, NominationStatus.ON_AGENDA, NominationStatus.PASSED, NominationStatus.DRAFT],
                             weights=[70, 15, 10, 5])[0]
        sent = None if status == NominationStatus.DRAFT else now
        if (index % COLLECTIVE_EVERY == 0 and next_unit < collectives) or next_person == len(persons):
            unit = units[next_unit]
            code = COLLECTIVE_KINDS[next_unit % len(COLLECTIVE_KINDS)]
            next_unit += 1
            rows.append((award_round.pk, unit, None, unit, kinds[code], "Hoàn thành xuất sắc nhiệm vụ năm, dẫn đầu cụm thi đua.", status, sent))
        else:
            person, unit = persons[next_person]
            code = INDIVIDUAL_KINDS[next_person % len(INDIVIDUAL_KINDS)]
            next_person += 1
            rows.append((award_round.pk, unit, person, None, kinds[code], "Hoàn thành xuất sắc nhiệm vụ, có sáng kiến được công nhận.",
                         status, sent))
    ids = take_ids(Nomination, len(rows))
    write(Nomination, ["id", "round_id", "proposing_unit_id", "person_id", "unit_id", "award_kind_id", "achievement", "status",
                       "submitted_at"], [(pk, *row) for pk, row in zip(ids, rows, strict=True)])
    return award_round
