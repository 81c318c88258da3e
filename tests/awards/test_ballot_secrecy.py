"""Issue 12 §1: the secret ballot stays secret at rest.

Five members vote in a known order with a known pattern of choices. An attacker who can read the
whole database (every table, with SQLite's rowid or PostgreSQL's ctid and xmin), a pg_dump of it, a
copy taken after every single vote, the audit trail, the logs and the cache tries to link each voter
to a choice. Each channel must link no voter at all.

The same attacks are first run against the design the issue found (a ballot row written with the
voter's participation in one transaction): they recover 5 of 5 there, so they are live attacks.
"""

from __future__ import annotations

import datetime
import os
import pickle
import re
import subprocess
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import pytest
from django.db import connection, transaction
from django.urls import reverse

from awards import services as svc
from awards.models import BallotParticipation, VoteChoice
from tests.conftest import make_user, require_service
from units.models import AuditEvent, Role, RoleScope

from .conftest import nominate

PATTERN = ["for", "against", "for", "for", "against"]  # the choice of each voter, in the order they vote
PARTICIPATION = BallotParticipation._meta.db_table
AUDIT = AuditEvent._meta.db_table
CHOICE_TEXT = {**{value: value for value in VoteChoice.values}, **{label: value for value, label in VoteChoice.choices}}
PLANTED = "awards_plantedballot"  # the old design, written by the test itself to prove the attacks work
PLANTED_COUNT = "awards_plantedcount"  # a plain counter per box and option, for the same proof


@dataclass
class Row:
    table: str
    cells: dict
    position: tuple = ()  # SQLite rowid, or PostgreSQL ctid (block, offset)
    xmin: str = ""

    @property
    def choice(self) -> str | None:
        found = {CHOICE_TEXT[v] for v in self.cells.values() if isinstance(v, str) and v in CHOICE_TEXT}
        return found.pop() if len(found) == 1 else None

    @property
    def key(self) -> tuple:
        return tuple(sorted((k, v) for k, v in self.cells.items()))


@dataclass
class Snapshot:
    rows: dict = field(default_factory=dict)  # table → [Row]

    def new_since(self, before: Snapshot) -> dict:
        """Rows present here and not in `before` (a multiset difference of their contents)."""
        result = {}
        for table, rows in self.rows.items():
            old = Counter(r.key for r in before.rows.get(table, []))
            fresh = []
            for row in rows:
                if old[row.key]:
                    old[row.key] -= 1
                else:
                    fresh.append(row)
            if fresh:
                result[table] = fresh
        return result


def _cell(value):
    if isinstance(value, memoryview | bytes):
        return bytes(value).hex()
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value if value is None or isinstance(value, int | str) else str(value)


def snapshot() -> Snapshot:
    """Every row of every table, with where it physically lies and (PostgreSQL) the transaction that wrote it."""
    shot = Snapshot()
    postgres = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            meta = 'ctid::text, xmin::text' if postgres else "rowid, ''"
            cursor.execute(f'SELECT {meta}, * FROM "{table}"')  # noqa: S608 - table names come from introspection
            names = [c[0] for c in cursor.description][2:]
            rows = []
            for record in cursor.fetchall():
                position = tuple(int(n) for n in re.findall(r"\d+", record[0])) if postgres else (record[0],)
                rows.append(Row(table, {n: _cell(v) for n, v in zip(names, record[2:], strict=True)}, position, record[1]))
            shot.rows[table] = rows
    return shot


def truth(voters) -> dict:
    return {member.pk: choice for member, choice in zip(voters, PATTERN, strict=True)}


def _participations(rows) -> list[Row]:
    return [r for r in rows.get(PARTICIPATION, [])]


def _zip_in_order(choice_rows, participations, order) -> dict:
    if not choice_rows or len(choice_rows) != len(participations):
        return {}
    pairs = zip(sorted(participations, key=order), sorted(choice_rows, key=order), strict=True)
    return {int(p.cells["member_id"]): c.choice for p, c in pairs}


def _choice_rows(rows) -> dict:
    return {t: [r for r in rs if r.choice] for t, rs in rows.items() if t != PARTICIPATION and any(r.choice for r in rs)}


def attack_physical_order(before: Snapshot, after: Snapshot) -> dict:
    """SQLite rowid / PostgreSQL ctid: ballot rows lie in the order they were written, like participations."""
    fresh = after.new_since(before)
    links = {}
    for rows in _choice_rows(fresh).values():
        links |= _zip_in_order(rows, _participations(fresh), lambda r: r.position)
    return links


def attack_key_order(before: Snapshot, after: Snapshot) -> dict:
    """Primary keys: an auto-increment key numbers rows in the order they were written."""
    fresh = after.new_since(before)
    links = {}
    for rows in _choice_rows(fresh).values():
        links |= _zip_in_order(rows, _participations(fresh), lambda r: str(r.cells.get("id")).zfill(40))
    return links


def attack_xmin(before: Snapshot, after: Snapshot) -> dict:
    """PostgreSQL xmin: the participation and anything written with it carry the same transaction id."""
    fresh = after.new_since(before)
    by_xmin = defaultdict(set)
    for rows in _choice_rows(fresh).values():
        for row in rows:
            by_xmin[row.xmin].add(row.choice)
    links = {}
    for part in _participations(fresh):
        choices = by_xmin.get(part.xmin, set())
        if len(choices) == 1:
            links[int(part.cells["member_id"])] = next(iter(choices))
    return links


def _moment(value) -> datetime.datetime:
    moment = datetime.datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def attack_timestamps(before: Snapshot, after: Snapshot) -> dict:
    """The audit trail dates each vote to the microsecond: match it with any date or time stored with a choice."""
    fresh = after.new_since(before)
    voted = {int(r.cells["actor_id"]): _moment(r.cells["created_at"]) for r in fresh.get(AUDIT, [])
             if r.cells["action"] == "ballot_voted"}
    links = {}
    for rows in _choice_rows(fresh).values():
        for row in rows:
            for value in row.cells.values():
                try:
                    moment = _moment(value)
                except ValueError:
                    continue
                gaps = sorted((abs((when - moment).total_seconds()), member) for member, when in voted.items())
                if len(gaps) == 1 or (gaps and gaps[0][0] < gaps[1][0]):
                    links[gaps[0][1]] = row.choice
    return links


def _primary_key(table: str, known={}) -> str:  # noqa: B006 - a cache for the run
    if table not in known:
        with connection.cursor() as cursor:
            known[table] = connection.introspection.get_primary_key_column(cursor, table) or "rowid"
    return known[table]


def attack_each_vote(shots: list[Snapshot], voters) -> dict:
    """A copy of the database after every vote: what each vote added or changed tells its choice.

    New rows carrying a choice name it; a number that went up by one (a plain counter) groups the voters
    who moved the same counter, and the published tally tells which group said what.
    """
    links, signals = {}, {}
    for member, (earlier, later) in zip(voters, zip(shots, shots[1:], strict=False), strict=True):
        fresh = later.new_since(earlier)
        for rows in _choice_rows(fresh).values():
            if len({r.choice for r in rows}) == 1:
                links[member.pk] = rows[0].choice
        moved = set()
        for table, rows in later.rows.items():
            pk = _primary_key(table)
            old = {r.cells.get(pk, r.position): r.cells for r in earlier.rows.get(table, [])}
            for row in rows:
                previous = old.get(row.cells.get(pk, row.position))
                for name, value in (row.cells.items() if previous else ()):
                    if isinstance(value, int) and not isinstance(value, bool) and value == (previous.get(name) or 0) + 1:
                        moved.add((table, name))
        signals[member.pk] = frozenset(moved)
    groups = defaultdict(list)
    for member, signal in signals.items():
        groups[signal].append(member)
    if len(groups) > 1:  # the votes moved different counters: name each group by the tally's sizes
        by_size = sorted(groups.values(), key=len, reverse=True)
        labels = [c for c, _ in Counter(PATTERN).most_common()]
        for members, label in zip(by_size, labels, strict=False):
            links |= dict.fromkeys(members, label)
    return links


def pg_dump_rows() -> list[Row]:
    """`pg_dump --data-only` of the awards tables and the audit trail, rows in the dump's order."""
    db = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    command = ["pg_dump", "--data-only", "--no-owner", "-h", db["HOST"] or "127.0.0.1", "-p", str(db["PORT"] or 5432),
               "-U", db["USER"], "-t", "awards_*", "-t", AUDIT, db["NAME"]]
    out = subprocess.run(command, capture_output=True, text=True, env=env, check=True, timeout=120).stdout
    rows, table, columns = [], None, []
    for line in out.splitlines():
        header = re.match(r'COPY (?:public\.)?"?(\w+)"? \((.*)\) FROM stdin;', line)
        if header:
            table, columns = header.group(1), [c.strip().strip('"') for c in header.group(2).split(",")]
        elif line == "\\.":
            table = None
        elif table:
            cells = dict(zip(columns, [None if v == "\\N" else v for v in line.split("\t")], strict=True))
            rows.append(Row(table, cells, (len(rows),)))
    return rows


def attack_dump_order(box_pk: int) -> dict:
    """The order of rows in a dump follows the order they lie on disk."""
    rows = pg_dump_rows()
    participations = [r for r in rows if r.table == PARTICIPATION and r.cells["box_id"] == str(box_pk)]
    links = {}
    for table in {r.table for r in rows if r.choice and r.table != PARTICIPATION}:
        links |= _zip_in_order([r for r in rows if r.table == table and r.choice], participations, lambda r: r.position)
    return links


# The scenario: five members, a known pattern, one vote per transaction.

@pytest.fixture
def five_voters(council_setup, officer_vl, province_pair, ministry):
    nomination = nominate(officer_vl, council_setup["round"], province_pair["vinh-long"])
    svc.nomination_submit(nomination=nomination, actor=officer_vl)
    voters = council_setup["members"] + [make_user(f"tv-kin-{i}", ministry, Role.COUNCIL_MEMBER, scope=RoleScope.SECTOR) for i in range(2)]
    council_setup["council"].members.add(*voters)
    box = svc.agenda_add(session=council_setup["session"], actor=council_setup["secretary"], nomination=nomination)
    svc.ballot_open(box=box, actor=council_setup["secretary"])
    return {"box": box, "voters": voters, "secretary": council_setup["secretary"]}


def planted_vote(*, box, member, choice):
    """The design the issue found: the ballot row written with the participation, in one transaction."""
    with transaction.atomic():
        BallotParticipation.objects.create(box=box, member=member)
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {PLANTED} (id, box_id, choice, cast_on) VALUES (%s, %s, %s, %s)",  # noqa: S608
                           [os.urandom(16).hex(), box.pk, choice, datetime.date.today()])


def planted_counter_vote(*, box, member, choice):
    """Counters in the clear, moved with the participation: a copy after each vote shows which one moved."""
    with transaction.atomic():
        BallotParticipation.objects.create(box=box, member=member)
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {PLANTED_COUNT} SET votes_{choice} = votes_{choice} + 1 WHERE id = %s", [box.pk])  # noqa: S608


@pytest.fixture
def planted_table(five_voters):
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {PLANTED} (id varchar(32) PRIMARY KEY, box_id bigint, choice varchar(8), cast_on date)")
        cursor.execute(f"CREATE TABLE {PLANTED_COUNT} (id bigint PRIMARY KEY, votes_for integer, votes_against integer)")
        cursor.execute(f"INSERT INTO {PLANTED_COUNT} VALUES (%s, 0, 0)", [five_voters["box"].pk])  # noqa: S608
    yield
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {PLANTED}")
        cursor.execute(f"DROP TABLE {PLANTED_COUNT}")


def run_votes(scenario, vote) -> tuple[Snapshot, list[Snapshot]]:
    """Cast the five votes, a copy of the database taken before and after each; then close the ballot."""
    box, voters = scenario["box"], scenario["voters"]
    shots = [snapshot()]
    for member, choice in zip(voters, PATTERN, strict=True):
        vote(box=box, member=member, choice=choice)
        shots.append(snapshot())
    return shots[0], shots


def channels(scenario, before, shots, *, closed: Snapshot | None) -> dict:
    """What each channel links, right after the last vote and (when given) after the close."""
    voters = scenario["voters"]
    states = {"sau lượt bỏ phiếu cuối": shots[-1]} | ({"sau khi kết thúc": closed} if closed else {})
    found = {}
    for moment, state in states.items():
        found[f"thứ tự vật lý ({moment})"] = attack_physical_order(before, state)
        found[f"thứ tự khóa ({moment})"] = attack_key_order(before, state)
        found[f"thời điểm ({moment})"] = attack_timestamps(before, state)
        if connection.vendor == "postgresql":
            found[f"xmin ({moment})"] = attack_xmin(before, state)
    found["bản sao sau từng phiếu"] = attack_each_vote(shots, voters)
    if connection.vendor == "postgresql":
        found["thứ tự trong pg_dump"] = attack_dump_order(scenario["box"].pk)
    return found


def recovered(links: dict, voters) -> int:
    answer = truth(voters)
    return sum(1 for member, choice in links.items() if answer.get(member) == choice)


def assert_nothing_links(found: dict, voters):
    linked = {name: f"{recovered(links, voters)}/{len(voters)} đúng, {len(links)} liên kết" for name, links in found.items() if links}
    assert linked == {}, f"Có kênh nối được người bỏ phiếu với lựa chọn: {linked}"


def assert_old_design_leaks(found: dict, voters, channels_expected):
    for name in channels_expected:
        assert recovered(found[name], voters) == len(voters), (name, found[name])


# SQLite (and any database): row order, keys, timestamps, a copy after each vote.

@pytest.mark.django_db(transaction=True)
def test_attacks_recover_every_choice_from_the_old_design(five_voters, planted_table):
    before, shots = run_votes(five_voters, planted_vote)
    found = channels(five_voters, before, shots, closed=None)
    expected = ["thứ tự vật lý (sau lượt bỏ phiếu cuối)", "bản sao sau từng phiếu"]
    if connection.vendor == "postgresql":
        expected += ["xmin (sau lượt bỏ phiếu cuối)", "thứ tự trong pg_dump"]
    assert_old_design_leaks(found, five_voters["voters"], expected)


@pytest.mark.django_db(transaction=True)
def test_copies_after_each_vote_recover_every_choice_from_plain_counters(five_voters, planted_table):
    before, shots = run_votes(five_voters, planted_counter_vote)
    found = channels(five_voters, before, shots, closed=None)
    assert_old_design_leaks(found, five_voters["voters"], ["bản sao sau từng phiếu"])


@pytest.mark.django_db(transaction=True)
def test_no_channel_links_a_voter_to_a_choice(five_voters):
    before, shots = run_votes(five_voters, svc.ballot_vote)
    box = svc.ballot_close(box=five_voters["box"], actor=five_voters["secretary"])
    assert (box.votes_for, box.votes_against) == (3, 2)
    assert_nothing_links(channels(five_voters, before, shots, closed=snapshot()), five_voters["voters"])


# PostgreSQL: ctid, xmin and pg_dump as well (required in CI's PostgreSQL run).

def _postgresql():
    if connection.vendor == "postgresql":
        return
    require_service("PostgreSQL", os.environ.get("THIDUA_POSTGRES_URL", "postgres://127.0.0.1:5432"), 5432)
    message = "Bộ kiểm thử đang chạy trên SQLite; lượt PostgreSQL của CI chạy bài này."
    pytest.skip(message)


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_postgresql_attacks_recover_every_choice_from_the_old_design(five_voters, planted_table):
    _postgresql()
    before, shots = run_votes(five_voters, planted_vote)
    found = channels(five_voters, before, shots, closed=None)
    assert_old_design_leaks(found, five_voters["voters"], [
        "thứ tự vật lý (sau lượt bỏ phiếu cuối)", "xmin (sau lượt bỏ phiếu cuối)", "thứ tự trong pg_dump", "bản sao sau từng phiếu",
    ])


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_postgresql_no_channel_links_a_voter_to_a_choice(five_voters):
    _postgresql()
    before, shots = run_votes(five_voters, svc.ballot_vote)
    box = svc.ballot_close(box=five_voters["box"], actor=five_voters["secretary"])
    assert (box.votes_for, box.votes_against) == (3, 2)
    found = channels(five_voters, before, shots, closed=snapshot())
    assert {"xmin (sau khi kết thúc)", "thứ tự trong pg_dump", "bản sao sau từng phiếu"} <= set(found)
    assert_nothing_links(found, five_voters["voters"])


# The pages: a vote through the site leaves its choice in no log line (SQL included), cache entry or session.

@pytest.mark.django_db
def test_vote_through_the_site_leaves_no_choice_in_logs_cache_or_session(client, five_voters, caplog):
    from django.contrib.sessions.models import Session
    from django.core.cache import cache

    caplog.set_level("DEBUG")
    caplog.set_level("DEBUG", logger="django.db.backends")
    box = five_voters["box"]
    connection.force_debug_cursor = True  # every SQL statement and its parameters go to the log, as a statement log would
    try:
        for member, choice in zip(five_voters["voters"], PATTERN, strict=True):
            client.force_login(member)
            url = reverse("awards:ballot-action", args=[box.pk, "vote"])
            assert client.post(url, {"choice": choice}).status_code == 200  # the confirmation page first
            assert client.post(url, {"choice": choice, "confirmed": "1"}).status_code == 302
    finally:
        connection.force_debug_cursor = False
    assert any("awards_ballotparticipation" in r.getMessage() for r in caplog.records)  # the statements were logged
    assert BallotParticipation.objects.filter(box=box).count() == len(PATTERN)
    words = ("choice", *VoteChoice.labels)
    assert not [r.getMessage() for r in caplog.records if any(w in r.getMessage() for w in words)]
    cached = [str(pickle.loads(value)) for value in cache._cache.values()]  # the local-memory cache of the tests
    stored = [str(s.get_decoded()) for s in Session.objects.all()]
    assert not [text for text in cached + stored if any(w in text for w in words)]
    events = list(AuditEvent.objects.filter(action="ballot_voted"))
    assert len(events) == len(PATTERN) and {(e.summary, e.object_id) for e in events} == {("Đã bỏ phiếu", str(box.nomination_id))}
