"""§3 No server error on any input: a hypothesis fuzz over every route and every form.

On the demo data set (``seed_demo``), each route of the app is requested by hypothesis-chosen accounts
(every role, and anonymous) with GET and POST, with path ids, query parameters and form fields drawn
from hostile values: "²" and other non-ASCII digits, NaN and Infinity, 30-digit numbers and ids above
2^63, year 0, impossible dates, long and control-character text, files that lie about their type. The
field names are those of the forms the page itself renders, those of every form class of the apps,
and the query parameters the views read. Any 500 fails, with the example hypothesis shrank it to.

Bounded for CI: ``FUZZ_EXAMPLES`` examples per route (10 by default), derandomised so that a run is
reproducible, failures reported as found (``FUZZ_SHRINK=1`` shrinks them); set
``FUZZ_EXAMPLES=200 FUZZ_RANDOM=1`` for a deeper local search. The last test prints
the counts: routes, requests, server errors.
"""

import logging
import os
import re
import sys
import traceback
from collections import Counter
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.signals import got_request_exception
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.common import samples

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10"))
RANDOM = os.environ.get("FUZZ_RANDOM") == "1"
SHRINK = os.environ.get("FUZZ_SHRINK") == "1"  # shrink a failure to its smallest example (slow)
DEMO_ACCOUNTS = ["demo-admin", "demo-bo", "demo-lanhdao", "demo-vanthu", "demo-so", "demo-so-lanhdao", "demo-so-vanthu",
                 "demo-nghean", "demo-cumtruong", "demo-hoidong", "demo-thuky", "demo-xem", None]
SKIP_PREFIXES = ("admin/", "static/", "media/")
STATS = Counter()
ERRORS: list[str] = []

# One value of each kind that has broken a view: fuzzing draws these most often.
KINDS = ["²", "abc", "NaN", "Infinity", "9" * 30, str(2**63), "0", "-1", "1,5", "31/02/2026", "01/01/0", "0000-00-00", "x" * 3000, ""]
HOSTILE = [
    "²", "٣", "१२", "½", "Ⅻ", "NaN", "nan", "-NaN", "Infinity", "-inf", "sNaN", "1e400", "1E+999999",
    "0", "-1", "00", "0000", "9" * 30, str(2**63), str(2**63 - 1), str(2**64), "-" + str(2**63 + 1),
    "1.000.000,5", "38.300", "8,2", "1,2,3", "..", "1..2", ",", "+", "=1+1", "@x", "0x10", "1_000",
    "00/00/0000", "31/02/2026", "29/02/2025", "2026-13-45", "0001-01-01", "9999-12-31", "01/01/0", "1/1/" + "9" * 30,
    "", " ", "\t", "\x00", "\u202e", "<script>alert(1)</script>", "../../etc/passwd", "' OR 1=1 --", "{}", "[]",
    "true", "None", "x" * 3000, "ư" * 500,
]
ID_VALUES = [0, 1, 2, 3, 5, 8, 13, 40, 300, 1900, 2026, 2101, 2**31, 2**63 - 1, 2**63, 10**30]


def hostile_text():
    return st.one_of(
        st.sampled_from(KINDS),
        st.sampled_from(KINDS),
        st.sampled_from(HOSTILE),
        st.integers(min_value=-(10**30), max_value=10**30).map(str),
        st.from_regex(r"[0-9]{1,30}", fullmatch=True),
        st.text(max_size=40),
    )


def value_for(data, name: str, offered: set[str]):
    """Half the time a value the page offers (so the rest of the form can be valid), else a hostile one."""
    if offered and data.draw(st.booleans(), label=f"{name} offered"):
        return data.draw(st.sampled_from(sorted(offered)), label=name)
    return data.draw(hostile_text(), label=name)


def walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def app_routes() -> list[str]:
    return sorted({route for route in walk(get_resolver().url_patterns) if not route.startswith(SKIP_PREFIXES)})


CONVERTER = re.compile(r"<(?:(?P<kind>\w+):)?(?P<name>\w+)>")


def fill(route: str, data) -> str:
    def value(match):
        kind, name = match["kind"] or "str", match["name"]
        if kind in ("int", "id", "year"):
            return str(data.draw(st.sampled_from(ID_VALUES) | st.integers(min_value=0, max_value=60), label=name))
        if kind == "slug":
            return data.draw(st.from_regex(r"[-a-zA-Z0-9_]{1,40}", fullmatch=True), label=name)
        return data.draw(st.from_regex(r"[^/?#\s]{1,40}", fullmatch=True), label=name)

    return "/" + CONVERTER.sub(value, route).lstrip("/")


APPS = ("units", "documents", "campaigns", "awards", "thidua", "common")
READ_BY_HAND = re.compile(r"""(?:GET|POST|params|query)(?:\.get|\.getlist|\.pop)?[(\[]\s*["']([A-Za-z_][\w-]*)["']""")


def query_names() -> set[str]:
    """The query and form parameters the code reads by hand (request.GET.get("year") …), found in the source."""
    from django.conf import settings as django_settings

    names = {"q", "page", "year", "export", "format", "next"}
    for app in APPS:
        for path in (django_settings.BASE_DIR / app).rglob("*.py"):
            names.update(READ_BY_HAND.findall(path.read_text(encoding="utf-8")))
    return names


def form_field_names() -> set[str]:
    """Every field of every form class of the apps."""
    import importlib

    from django import forms

    names = set()
    for app in APPS:
        try:
            module = importlib.import_module(f"{app}.forms")
        except ModuleNotFoundError:
            continue
        for item in vars(module).values():
            if isinstance(item, type) and issubclass(item, forms.BaseForm) and hasattr(item, "base_fields"):
                names.update(item.base_fields)
    return names


class FormFields(HTMLParser):
    """The fields a page renders, with the values it offers (an input's value, a select's options)."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, set[str]] = {}
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag in ("input", "textarea", "select") and name:
            values = self.fields.setdefault(name, set())
            if tag == "input" and attrs.get("value"):
                values.add(attrs["value"])
            self._select = name if tag == "select" else None
        elif tag == "option" and self._select and attrs.get("value") is not None:
            self.fields[self._select].add(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def fields_of(html: str) -> dict[str, set[str]]:
    parser = FormFields()
    parser.feed(html)
    return parser.fields


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo data set, loaded once for the module inside a transaction rolled back at its end."""
    from django.conf import settings as django_settings

    saved_media = django_settings.MEDIA_ROOT
    django_settings.MEDIA_ROOT = tmp_path_factory.mktemp("fuzz-media")
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("seed_demo", stdout=open(os.devnull, "w"))
            yield {"query": query_names(), "forms": form_field_names()}
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            django_settings.MEDIA_ROOT = saved_media


@pytest.fixture(scope="module")
def clients(demo_data):
    from units.models import User

    result = {}
    for username in DEMO_ACCOUNTS:
        client = Client(raise_request_exception=False)
        if username:
            client.force_login(User.objects.get(username=username))
        result[username] = client
    return result


@pytest.fixture(scope="module")
def page_fields(clients):
    """The fields each page renders, read from a first crawl with real ids as the administrator."""
    fields = {}
    for route in app_routes():
        found = fields.setdefault(route, {})
        for object_id in ("1", "2", "3"):
            url = "/" + CONVERTER.sub(lambda m, i=object_id: i if m["kind"] in ("int", "id") else "2026" if m["kind"] == "year" else "x", route).lstrip("/")
            response = clients["demo-admin"].get(url)
            if response.status_code == 200 and "html" in response.get("Content-Type", "") and not response.streaming:
                for name, values in fields_of(response.content.decode(errors="replace")).items():
                    found.setdefault(name, set()).update(values)
    return fields


@pytest.fixture(autouse=True)
def _quiet_and_capture():
    captured = []

    def record(sender, request=None, **kwargs):
        error = sys.exc_info()[1]
        frames = [f for f in traceback.extract_tb(error.__traceback__) if "/site-packages/" not in f.filename]
        place = f"{os.path.relpath(frames[-1].filename)}:{frames[-1].lineno}" if frames else "?"
        captured.append(f"{place} {error.__class__.__name__}: {str(error)[:160]}")

    got_request_exception.connect(record)
    loggers = [logging.getLogger(name) for name in ("django.request", "django.security", "axes", "celery", "weasyprint")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    yield captured
    got_request_exception.disconnect(record)
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)


def send(client, method: str, url: str, params: dict):
    with transaction.atomic():  # a failed query must not poison the rest of the run on PostgreSQL
        sid = transaction.savepoint()
        response = client.get(url, params) if method == "get" else client.post(url, params)
        transaction.savepoint_rollback(sid) if response.status_code >= 500 else transaction.savepoint_commit(sid)
    return response


def fuzz_settings():
    phases = [Phase.explicit, Phase.reuse, Phase.generate] + ([Phase.shrink] if SHRINK else [])
    return settings(
        max_examples=EXAMPLES,
        phases=phases,
        report_multiple_bugs=False,
        deadline=None,
        database=None,
        derandomize=not RANDOM,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    )


@pytest.mark.django_db
@pytest.mark.parametrize("route", app_routes())
def test_route_never_answers_500(route, demo_data, clients, page_fields, _quiet_and_capture):
    page = page_fields[route]
    likely = sorted(set(page) | demo_data["query"])  # what this page and the views read
    anything = sorted(demo_data["forms"] - set(likely)) or likely

    @fuzz_settings()
    @given(data=st.data())
    def run(data):
        username = data.draw(st.sampled_from(DEMO_ACCOUNTS), label="account")
        client = clients[username]
        url = fill(route, data)
        method = data.draw(st.sampled_from(["get", "post"]), label="method")
        # Every field the page renders and the views read, each with a value of its own; a few more.
        names = likely + data.draw(st.lists(st.sampled_from(anything), max_size=2, unique=True), label="other fields")
        params = {name: value_for(data, name, page.get(name, set())) for name in dict.fromkeys(names)}
        if method == "post" and data.draw(st.booleans(), label="with file"):
            params["file"] = SimpleUploadedFile(
                data.draw(st.sampled_from(["a.pdf", "a.xlsx", "evil.html", "a.docx", "x"]), label="file name"),
                data.draw(st.sampled_from([samples.PDF, samples.xlsx(), samples.xlsm(), samples.docx(), b"", b"\x00" * 64,
                                           samples.zip_bytes({"xl/workbook.xml": "<x/>"})]), label="file data"),
            )
        _quiet_and_capture.clear()
        response = send(client, method, url, params)
        STATS["requests"] += 1
        if response.status_code >= 500:
            STATS["server_errors"] += 1
            where = _quiet_and_capture[-1] if _quiet_and_capture else "(không có traceback)"
            ERRORS.append(f"{method.upper()} {url} ({username}) {params} → {response.status_code}\n{where}")
        assert response.status_code < 500, f"{method.upper()} {url} ({username}) {params}\n" + "".join(_quiet_and_capture[-1:])

    run()
    STATS["routes"] += 1


def test_fuzz_counts_printed_and_no_server_error():
    """Printed by CI: routes, requests and server errors (must be 0)."""
    print(f"\nfuzz: {STATS['routes']} routes, {STATS['requests']} requests, {STATS['server_errors']} lỗi 500")
    places, examples, endpoints = Counter(), {}, set()
    for error in ERRORS:
        request, cause = error.split("\n", 1)
        place = cause.split(":", 2)[0] + ":" + cause.split(":", 2)[1].split(" ")[0] + " " + cause.split(" ")[1].rstrip(":")
        places[place] += 1
        examples.setdefault(place, (request[:200], cause[:200]))
        endpoints.add(request.split(" ")[1].split("?")[0])
    print(f"{len(places)} chỗ lỗi trong mã, {len(endpoints)} địa chỉ")
    for place, count in places.most_common():
        print(f"  {count:4d} × {place}\n         {examples[place][0]}\n         {examples[place][1]}")
    assert STATS["server_errors"] == 0
