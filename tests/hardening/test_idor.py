"""§2 The IDOR matrix: every URL with an object id × every role of the actor's unit × every relation.

For each route with an id, each account of Sở Công Thương tỉnh An Giang (one per role) requests it
with GET and POST against the object of each relation (tests/hardening/matrix.py): its own unit, a
unit of its subtree, a cluster peer, another province. Outside the actor's scope (peer, other) every
request must be refused without telling whether the object exists (403, 404, or 405 for a method the
route does not take) and must change nothing in the database; a read-only viewer's POST changes
nothing anywhere. Each request runs in a savepoint rolled back afterwards, so cells do not interact.

Cells that fail today are listed in ``OPEN`` with the finding; the test fails when a new cell fails
and when a listed cell passes (then strike it from the list). The counts are printed.
"""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.hardening import matrix

pytestmark = pytest.mark.django_db
DENIED = {403, 404, 405}
# Routes with an id in the path that are public by design or take no object id.
NOT_OBJECT_ROUTES = {"password_reset_confirm", "documents:verify", "awards:history-entry"}


def kwargs_for(name: str, o: dict) -> dict | None:
    """The URL arguments of route ``name`` for the objects ``o`` of one relation."""
    table = {
        "units:unit-detail": {"pk": o["unit"].pk},
        "units:person-create": {"unit_pk": o["unit"].pk},
        "units:person-detail": {"pk": o["person"].pk},
        "units:person-update": {"pk": o["person"].pk},
        "units:cluster-detail": {"pk": o["cluster"].pk},
        "units:cluster-update": {"pk": o["cluster"].pk},
        "units:cluster-year": {"pk": o["cluster"].pk, "year": matrix.TODAY.year},
        "units:cluster-year-pick": {"pk": o["cluster"].pk},
        "campaigns:indicator-update": {"pk": o["own_indicator"].pk},
        "campaigns:indicator-toggle": {"pk": o["own_indicator"].pk},
        "awards:award-kind-update": {"pk": o["award_kind"].pk},
        "awards:council-create": {"unit_pk": o["unit"].pk},
        "awards:council-update": {"pk": o["council"].pk},
        "awards:round-update": {"pk": o["round"].pk},
        "units:user-detail": {"pk": o["user"].pk},
        "units:user-role-assign": {"pk": o["user"].pk},
        "units:user-role-revoke": {"pk": o["user"].pk, "assignment_pk": o["assignment"].pk},
        "units:user-toggle-active": {"pk": o["user"].pk},
        **{f"documents:document-{action}": {"pk": o["document"].pk}
           for action in ("detail", "update", "submit", "return", "sign", "issue", "revoke", "replace", "preview")},
        **{f"documents:pdf-job-{action}": {"pk": o["job"].pk} for action in ("status", "download", "retry")},
        "documents:blank-profile-update": {"pk": o["blank"].pk},
        "documents:blank-profile-calibration": {"pk": o["blank"].pk},
        "campaigns:covenant-create": {"cluster_pk": o["cluster"].pk, "year": matrix.TODAY.year + 1},  # none drafted yet
        **{f"campaigns:covenant-{action}": {"pk": o["covenant"].pk} for action in ("detail", "sign", "score", "confirm", "vote")},
        **{f"campaigns:{name}": {"pk": o["campaign"].pk}
           for name in ("campaign-detail", "campaign-edit", "campaign-launch", "campaign-transition", "campaign-review", "dashboard",
                        "dashboard-indicators", "import-template", "campaign-export", "reports-export")},
        **{f"campaigns:{name}": {"pk": o["ministry_campaign"].pk, "unit_pk": o["unit"].pk}
           for name in ("dashboard-unit", "registration-edit", "registration-import")},
        **{f"campaigns:registration-{action}": {"pk": o["registration"].pk} for action in ("detail", "submit", "decide")},
        "campaigns:report-create": {"pk": o["registration"].pk},
        **{f"campaigns:report-{action}": {"pk": o["report"].pk} for action in ("detail", "decide", "import", "revise")},
        "campaigns:evidence-upload": {"pk": o["report"].pk},
        "campaigns:evidence-download": {"pk": o["evidence"].pk},
        "campaigns:evidence-delete": {"pk": o["evidence"].pk},
        "awards:person-history": {"pk": o["person"].pk},
        "awards:unit-history": {"pk": o["unit"].pk},
        "awards:record-revoke": {"pk": o["record"].pk},
        "awards:record-verify": {"pk": o["record"].pk},
        "campaigns:registration-record-past": {"pk": o["ministry_campaign"].pk, "unit_pk": o["unit"].pk},
        "campaigns:report-record-past": {"pk": o["registration"].pk},
        "documents:incoming-detail": {"pk": o["incoming"].pk},
        "documents:credential-unit": {"pk": o["unit"].pk},
        "documents:credential-unit-deactivate": {"pk": o["credential"].pk},
        "units:notification-open": {"pk": o["notification"].pk},
        "awards:certificate-download": {"pk": o["record"].pk},
        **{f"awards:{name}": {"pk": o["nomination"].pk}
           for name in ("nomination-detail", "dossier-upload", "nomination-submit", "nomination-withdraw")},
        "awards:dossier-download": {"pk": o["dossier"].pk},
        "awards:round-detail": {"pk": o["round"].pk},
        "awards:decision-draft": {"pk": o["round"].pk},
        "awards:certificate-bundle": {"pk": o["round"].pk, "document_pk": o["document"].pk},
        **{f"awards:{name}": {"pk": o["session"].pk} for name in ("session-detail", "agenda-add", "session-attendance", "session-minutes")},
        "awards:session-ballots": {"pk": o["session"].pk, "action": "open"},
        "awards:ballot-tally": {"pk": o["box"].pk},
        "awards:ballot-action": {"pk": o["box"].pk, "action": "open"},
    }
    return table.get(name)


# Cluster objects have two relations only: the actor's cluster (its peer's too) and another.
CLUSTER_ROUTES = {"units:cluster-detail", "units:cluster-update", "units:cluster-year", "units:cluster-year-pick", "campaigns:covenant-create"} | {
    f"campaigns:covenant-{action}" for action in ("detail", "sign", "score", "confirm", "vote")}

# Unit-level data a cluster peer may read by design (units.scoping: unit_scope_filter, the Sở of one
# cluster compare their campaigns and results). A peer's request on these may answer, but must change
# nothing and must not name the peer's persons (their pages are closed to peers: 404).
SHARED_WITH_PEERS = {
    "units:unit-detail", "awards:unit-history", "awards:round-detail", "awards:decision-draft",
    "campaigns:campaign-detail", "campaigns:campaign-edit", "campaigns:campaign-launch", "campaigns:campaign-transition",
    "campaigns:campaign-review", "campaigns:dashboard", "campaigns:dashboard-indicators", "campaigns:import-template", "campaigns:campaign-export",
    "campaigns:reports-export",
}

# Cells failing today: (route, relation, role, method) → the finding. The lead fixes the access rules.
OPEN: dict[tuple[str, str, str, str], str] = {
    # None today. The round page lists only the nominations and records the account may open, award records
    # pass the person-data gate (awards.selectors.record_get_for_user), and a viewer cannot queue a render
    # (documents.policies.preview_refusal).
}


def object_routes() -> list[str]:
    def walk(patterns, namespace=""):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = ":".join(part for part in (namespace, entry.namespace or "") if part) if entry.namespace else namespace
                yield from walk(entry.url_patterns, inner)
            elif isinstance(entry, URLPattern) and "<" in str(entry.pattern):
                yield f"{namespace}:{entry.name}" if namespace else entry.name

    return sorted({name for name in walk(get_resolver().url_patterns) if name and not name.startswith("admin:")} - NOT_OBJECT_ROUTES)


def table_counts_sql() -> str:
    # Logs are not state: reading a file writes an audit entry (units.AuditEvent), a login an axes row.
    skip = {"units.auditevent"}
    tables = sorted({model._meta.db_table for model in apps.get_models()
                     if model._meta.app_label not in {"sessions", "admin", "axes"} and model._meta.label_lower not in skip})
    return "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {connection.ops.quote_name(table)})" for table in tables)


def visible_text(response) -> str:
    """What a response shows a person: the page, or the cells of a spreadsheet (PDFs are not read)."""
    content_type = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if "spreadsheetml" in content_type:
        import io

        from openpyxl import load_workbook

        sheets = load_workbook(io.BytesIO(body), read_only=True).worksheets
        return "\n".join(str(v) for sheet in sheets for row in sheet.iter_rows(values_only=True) for v in row if v is not None)
    if "pdf" in content_type:
        return ""
    return body.decode(errors="replace")


def fingerprint(objects: dict, counts_sql: str, *, rows: bool = True) -> tuple:
    """Row counts of every table, and (for a POST) every field of every object of the matrix."""
    with connection.cursor() as cursor:
        cursor.execute(counts_sql)
        counts = cursor.fetchone()
    if not rows:
        return counts, ()
    by_model: dict = {}
    for relation_objects in objects.values():
        for item in relation_objects.values():
            by_model.setdefault(type(item), set()).add(item.pk)
    def plain(value):
        # PostgreSQL returns binary fields as memoryview, whose repr names its address: compare the bytes
        return bytes(value) if isinstance(value, memoryview) else value

    rows = tuple(
        (model.__name__, tuple(sorted((tuple(sorted((k, plain(v)) for k, v in row.items())) for row in model.objects.filter(pk__in=pks).values()),
                                      key=repr)))
        for model, pks in sorted(by_model.items(), key=lambda entry: entry[0].__name__)
    )
    return counts, rows


@pytest.fixture
def world(media_root):
    return matrix.build()


@pytest.fixture
def quiet():
    """Refusals are the point here: keep django.request from logging a traceback for each of them."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    yield
    logger.setLevel(level)


def test_idor_matrix(world, quiet, capsys):
    routes = object_routes()
    missing = [name for name in routes if kwargs_for(name, world["objects"]["own"]) is None]
    assert missing == [], f"Các địa chỉ có id chưa có trong ma trận: {missing}"
    counts_sql = table_counts_sql()
    clients = {}
    for role, user in world["actors"].items():
        clients[role] = Client(raise_request_exception=False)
        clients[role].force_login(user)

    failing: dict[tuple, str] = {}
    stats = Counter()
    reachable: dict[str, set] = {}
    for name in routes:
        for relation in matrix.RELATIONS:
            if name in CLUSTER_ROUTES and relation in ("subtree", "peer"):
                continue  # the same cluster as "own"
            url = reverse(name, kwargs=kwargs_for(name, world["objects"][relation]))
            outside = relation in ("peer", "other") and not (name in CLUSTER_ROUTES and relation == "peer")
            shared = relation == "peer" and name in SHARED_WITH_PEERS
            private_name = world["objects"][relation]["person"].full_name
            for role, client in clients.items():
                for method in ("get", "post"):
                    watched = outside or (role == "người xem" and method == "post")
                    cache.clear()  # rate limits count per account: every cell starts afresh
                    with transaction.atomic():
                        before = fingerprint(world["objects"], counts_sql, rows=method == "post") if watched else None
                        response = getattr(client, method)(url)
                        after = fingerprint(world["objects"], counts_sql, rows=method == "post") if watched else None
                        transaction.set_rollback(True)
                    status = response.status_code
                    stats["requests"] += 1
                    stats["cells"] += 1
                    cell = (name, relation, role, method.upper())
                    problems = []
                    if status >= 500:
                        problems.append(f"lỗi {status}")
                    if outside and not shared and status not in DENIED:
                        problems.append(f"trả {status} ngoài phạm vi")
                    if outside and status == 200 and private_name in visible_text(response):
                        problems.append(f"nêu tên cá nhân của đơn vị {relation}")
                    if watched and before != after:
                        problems.append("dữ liệu bị thay đổi")
                    if problems:
                        failing[cell] = "; ".join(problems)
                    if relation == "own" and method == "get" and status == 200:
                        reachable.setdefault(name, set()).add(role)

    never_reached = [name for name in routes if name not in reachable and any(
        client.get(reverse(name, kwargs=kwargs_for(name, world["objects"]["own"]))).status_code != 405 for client in list(clients.values())[:1])]
    new = {cell: why for cell, why in failing.items() if cell not in OPEN}
    fixed = [cell for cell in OPEN if cell not in failing]
    lines = [f"ma trận IDOR: {len(routes)} địa chỉ × {len(clients)} vai trò × {len(matrix.RELATIONS)} quan hệ × 2 phương thức: "
             f"{stats['cells']} ô, {stats['requests']} yêu cầu, {len(failing)} ô không đạt ({len(OPEN)} đã biết)"]
    for route, count in Counter(cell[0] for cell in failing).most_common():
        lines.append(f"  {count:3d} × {route}")
        for (_, relation, role, method), why in sorted((c, w) for c, w in failing.items() if c[0] == route):
            lines.append(f"        {relation:8s} {method:4s} {role}: {why}")
    if never_reached:
        lines.append(f"  không vai trò nào mở được (GET 200) trên đối tượng của chính đơn vị: {never_reached}")
    report = Path(__file__).resolve().parents[2] / "var" / "idor-matrix.txt"
    report.parent.mkdir(exist_ok=True)
    report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with capsys.disabled():
        print("\n" + "\n".join(line for line in lines if not line.startswith("        ")))
        print(f"  (từng ô: {report})")
    assert new == {}, f"{len(new)} ô mới không đạt"
    assert fixed == [], f"Đã sửa, xóa khỏi OPEN: {fixed}"
