"""Numbering (ND 30/2020 Art 15): per issuer, year and series; no gaps, no duplicates."""

import datetime
import random
import threading

import pytest
import time_machine
from django.db import IntegrityError, connection, transaction

from documents.models import IssuerSettings, OfficialDocument, SeriesMode
from documents.numbering import build_symbol, golden_book_next, register_next_number, vietnamese_date
from documents.services import document_issue, document_sign, document_submit
from tests.factories import UnitFactory
from units.models import UnitKind

pytestmark = pytest.mark.django_db


def test_symbols_follow_phu_luc_iii(so_vl, ministry):
    division = UnitFactory(code="vl-vp", name="Văn phòng Sở", short_name="VP", parent=so_vl)
    union = UnitFactory(code="cdct", name="Công đoàn Công Thương Việt Nam", short_name="CĐCT", kind=UnitKind.TRADE_UNION)
    assert build_symbol(number=5, doc_type="plan", issuers=[so_vl]) == "05/KH-SCT"
    assert build_symbol(number=483, doc_type="plan", issuers=[so_vl]) == "483/KH-SCT"
    assert build_symbol(number=125, doc_type="official_letter", issuers=[so_vl], drafting_unit=division) == "125/SCT-VP"
    assert build_symbol(number=1, doc_type="directive", issuers=[ministry, union]) == "01/CTLT-BCT-CĐCT"
    IssuerSettings.objects.create(unit=ministry, joint_symbol_pattern="{type}-{issuers}")
    assert build_symbol(number=1, doc_type="directive", issuers=[ministry, union]) == "01/CT-BCT-CĐCT"


def test_dates_follow_the_leading_zero_rule():
    assert vietnamese_date(datetime.date(2026, 2, 5)) == "ngày 05 tháng 02 năm 2026"
    assert vietnamese_date(datetime.date(2026, 3, 15)) == "ngày 15 tháng 3 năm 2026"
    assert vietnamese_date(datetime.date(2026, 1, 9)) == "ngày 09 tháng 01 năm 2026"
    assert vietnamese_date(datetime.date(2026, 12, 31)) == "ngày 31 tháng 12 năm 2026"


def test_issue_numbers_in_order_and_never_reuses(make_plan, manager_vl, signer_vl, clerk_vl):
    symbols = []
    for index in range(3):
        document = make_plan(subject=f"Kế hoạch {index}")
        document_submit(document=document, actor=manager_vl)
        document_sign(document=document, actor=signer_vl)
        symbols.append(document_issue(document=document, actor=clerk_vl).symbol)
    assert symbols == ["01/KH-SCT", "02/KH-SCT", "03/KH-SCT"]
    from documents.services import document_revoke

    document_revoke(document=OfficialDocument.objects.get(symbol="03/KH-SCT"), actor=signer_vl, reason="Sai nội dung")
    document = make_plan(subject="Kế hoạch sau thu hồi")
    document_submit(document=document, actor=manager_vl)
    document_sign(document=document, actor=signer_vl)
    assert document_issue(document=document, actor=clerk_vl).symbol == "04/KH-SCT"


def test_shared_and_per_type_series(make_plan, manager_vl, signer_vl, clerk_vl, so_vl):
    def issue(doc_type):
        document = make_plan(subject=f"Văn bản {doc_type} {random.random()}", doc_type=doc_type)
        document_submit(document=document, actor=manager_vl)
        document_sign(document=document, actor=signer_vl)
        return document_issue(document=document, actor=clerk_vl).symbol

    assert [issue("plan"), issue("report")] == ["01/KH-SCT", "02/BC-SCT"]
    IssuerSettings.objects.create(unit=so_vl, series_mode=SeriesMode.PER_TYPE)
    # Switched during the year: the per-type registers skip the symbols the shared series already gave.
    assert [issue("plan"), issue("report"), issue("report")] == ["02/KH-SCT", "01/BC-SCT", "03/BC-SCT"]


def test_year_boundary_by_local_time(make_plan, manager_vl, signer_vl, clerk_vl):
    def issue(subject):
        document = make_plan(subject=subject)
        document_submit(document=document, actor=manager_vl)
        document_sign(document=document, actor=signer_vl)
        return document_issue(document=document, actor=clerk_vl)

    with time_machine.travel(datetime.datetime(2026, 12, 31, 23, 59, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))):
        issue("Trước giao thừa 1")
        late = issue("Trước giao thừa 2")
    # 00:01 on 1 January in Hà Nội is still 31 December in UTC: the local date decides.
    with time_machine.travel(datetime.datetime(2027, 1, 1, 0, 1, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))):
        early = issue("Đầu năm mới")
    assert (late.number, late.year) == (2, 2026)
    assert (early.number, early.year, early.symbol) == (1, 2027, "01/KH-SCT")
    assert early.issued_on == datetime.date(2027, 1, 1)


def test_manual_duplicate_number_raises_integrity_error(signed_plan, clerk_vl, make_plan):
    issued = document_issue(document=signed_plan, actor=clerk_vl)
    other = make_plan(subject="Bản sao trái phép")
    other.number, other.year, other.register_key = issued.number, issued.year, issued.register_key
    with pytest.raises(IntegrityError), transaction.atomic():
        other.save()


def test_golden_book_has_its_own_register(signed_plan, clerk_vl, so_vl):
    assert golden_book_next(issuer=so_vl, year=2026) == "01/2026/SV-SCT"
    document_issue(document=signed_plan, actor=clerk_vl)
    assert golden_book_next(issuer=so_vl, year=2026) == "02/2026/SV-SCT"


@pytest.mark.django_db(transaction=True)
def test_concurrent_issuing_gives_no_duplicates_and_no_gaps(province_pair):
    if connection.vendor != "postgresql":
        pytest.skip("Khóa dòng (SELECT … FOR UPDATE) chỉ kiểm được trên PostgreSQL; CI chạy bài này trên PostgreSQL.")
    issuer = province_pair["vinh-long"]
    numbers, errors = [], []
    lock = threading.Lock()

    def worker(seed):
        rng = random.Random(seed)
        try:
            for _ in range(50):
                try:
                    with transaction.atomic():
                        number = register_next_number(issuer=issuer, year=2026, key="main")
                        if rng.random() < 0.10:
                            raise RuntimeError("lỗi giả lập sau khi lấy số")
                        with lock:
                            numbers.append(number)
                except RuntimeError:
                    pass
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(seed,)) for seed in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(numbers) == len(set(numbers)), "duplicates"
    assert sorted(numbers) == list(range(1, len(numbers) + 1)), "gaps"
    assert 300 < len(numbers) < 400


def _sign(document, manager, signer):
    document_submit(document=document, actor=manager)
    return document_sign(document=document, actor=signer)


SERIES_KINDS = {
    # kind: create kwargs for make_plan
    "plan": {"doc_type": "plan"},
    "report": {"doc_type": "report"},
    "minutes": {"doc_type": "minutes", "series": "council"},
    "council_decision": {"doc_type": "decision", "series": "council"},
    "secret_decision": {"doc_type": "decision", "is_secret": True},
    "secret_plan": {"doc_type": "plan", "is_secret": True},
    "letter": {"doc_type": "official_letter"},
}


def test_council_and_secret_series_carry_their_own_symbol(make_plan, manager_vl, signer_vl, clerk_vl):
    """Today's defect: 02/BB-SCT from the main and the council series, 01/QĐ-SCT from the main and secret."""
    issued = {}
    for kind in ("plan", "minutes", "secret_decision", "report", "minutes", "council_decision"):
        document = _sign(make_plan(subject=f"{kind} {random.random()}", **SERIES_KINDS[kind]), manager_vl, signer_vl)
        issued.setdefault(kind, []).append(document_issue(document=document, actor=clerk_vl).symbol)
    assert issued["plan"] == ["01/KH-SCT"] and issued["report"] == ["02/BC-SCT"]
    assert issued["minutes"] == ["01/BB-HĐTĐKT", "02/BB-HĐTĐKT"]
    assert issued["council_decision"] == ["03/QĐ-HĐTĐKT"]
    assert issued["secret_decision"] == ["01/QĐ-SCT-M"]


def test_every_series_interleaved_never_repeats_a_symbol(make_plan, manager_vl, signer_vl, clerk_vl, so_vl):
    rng = random.Random(11)
    kinds = [kind for kind in SERIES_KINDS for _ in range(4)]
    rng.shuffle(kinds)
    symbols = []
    for index, kind in enumerate(kinds):
        if index == len(kinds) // 2:  # the head switches to one series per type during the year
            IssuerSettings.objects.update_or_create(unit=so_vl, defaults={"series_mode": SeriesMode.PER_TYPE})
        document = _sign(make_plan(subject=f"{kind} {index}", **SERIES_KINDS[kind]), manager_vl, signer_vl)
        symbols.append(document_issue(document=document, actor=clerk_vl).symbol)
    assert len(symbols) == len(set(symbols)), sorted(symbols)
    issued = OfficialDocument.objects.filter(lead_issuer=so_vl, year__isnull=False)
    assert issued.count() == len(kinds)
    assert {s.split("/", 1)[1] for s in symbols} == {"KH-SCT", "BC-SCT", "BB-HĐTĐKT", "QĐ-HĐTĐKT", "QĐ-SCT-M", "KH-SCT-M", "SCT"}


def test_symbol_constraint_refuses_a_repeat_from_another_register(signed_plan, clerk_vl, make_plan):
    issued = document_issue(document=signed_plan, actor=clerk_vl)
    other = make_plan(subject="Cùng ký hiệu, sổ khác")
    other.number, other.year, other.register_key, other.symbol = issued.number, issued.year, "secret", issued.symbol
    with pytest.raises(IntegrityError), transaction.atomic():
        other.save()


@pytest.mark.django_db(transaction=True)
def test_concurrent_issuing_across_every_series_repeats_no_symbol(province_pair):
    if connection.vendor != "postgresql":
        pytest.skip("Khóa dòng (SELECT … FOR UPDATE) chỉ kiểm được trên PostgreSQL; CI chạy bài này trên PostgreSQL.")
    from documents.services import document_create
    from tests.conftest import make_user
    from tests.documents.conftest import give_position
    from units.models import Role

    so = province_pair["vinh-long"]
    manager = make_user("ql-c", so, Role.CAMPAIGN_MANAGER)
    signer = give_position(make_user("gd-c", so, Role.SIGNER), so, "Giám đốc")
    clerk = make_user("vt-c", so, Role.CLERK)
    documents = []
    for kind, kwargs in SERIES_KINDS.items():
        for index in range(6):
            params = {"doc_type": "plan", **kwargs}
            document = document_create(
                actor=manager, issuers=[so], subject=f"{kind} {index}", body=[{"text": "Nội dung."}],
                signers=[{"unit": so}], **params,
            )
            documents.append(_sign(document, manager, signer).pk)
    random.Random(5).shuffle(documents)
    errors = []

    def worker(chunk):
        try:
            for pk in chunk:
                document_issue(document=OfficialDocument.objects.get(pk=pk), actor=clerk)
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(documents[i::6],)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    rows = list(OfficialDocument.objects.filter(lead_issuer=so).values_list("register_key", "number", "symbol"))
    symbols = [symbol for _, _, symbol in rows]
    assert len(symbols) == len(documents) == len(set(symbols))
    by_register = {}
    for key, number, _ in rows:
        by_register.setdefault(key, []).append(number)
    for key, numbers in by_register.items():
        assert sorted(numbers) == list(range(1, len(numbers) + 1)), key
