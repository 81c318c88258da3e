"""Screens of awards: catalogue and rules, award history, eligibility check, Excel import, honour board."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from common.excel import ImportColumn, read_import, xlsx_response
from common.pagination import paginate
from common.web import run_service
from units.models import Person, Unit, UnitKind
from units.scoping import has_any_role, is_system_admin
from units.selectors import person_get_for_user, unit_get_for_user

from . import eligibility, services
from .models import (
    AwardKind,
    AwardRecord,
    AwardRule,
    BaseSalary,
    Discipline,
    DisciplineLevel,
    Initiative,
    InitiativeScope,
    Rating,
    RatingLevel,
    RuleSet,
)


@login_required
def catalogue(request):
    today = datetime.date.today()
    rulesets = list(RuleSet.objects.order_by("valid_from"))
    chosen = request.GET.get("ruleset", "")
    ruleset = next((r for r in rulesets if chosen.isdigit() and r.pk == int(chosen)), None) or eligibility.ruleset_for(today.year)
    rules = AwardRule.objects.filter(ruleset=ruleset).select_related("award_kind", "quota_base").order_by("award_kind__sort_order")
    salary = BaseSalary.objects.filter(valid_from__lte=today).first()
    kind_labels = dict(UnitKind.choices)
    rows = [
        {
            "rule": rule,
            "money": int(rule.reward_multiple * salary.amount) if salary and rule.reward_multiple else None,
            "deciders": ", ".join(str(kind_labels.get(kind, kind)) for kind in rule.decider_unit_kinds),
        }
        for rule in rules
    ]
    return render(request, "awards/catalogue.html", {
        "ruleset": ruleset, "rulesets": rulesets, "rows": rows, "salary": salary, "labels": eligibility.DOSSIER_LABELS,
    })


def _history_context(*, records, ratings, initiatives, can_edit):
    return {
        "records": records.select_related("award_kind").order_by("-year", "award_kind__sort_order"),
        "ratings": ratings.order_by("-year"),
        "initiatives": initiatives.order_by("-year"),
        "can_edit": can_edit,
        "kinds": AwardKind.objects.all(),
        "rating_levels": RatingLevel.choices,
        "scopes": InitiativeScope.choices,
        "discipline_levels": DisciplineLevel.choices,
    }


@login_required
def person_history(request, pk):
    person = person_get_for_user(request.user, pk)
    can_edit = is_system_admin(request.user) or has_any_role(request.user, services.HISTORY_ROLES, person.unit)
    context = _history_context(
        records=AwardRecord.objects.filter(person=person), ratings=Rating.objects.filter(person=person),
        initiatives=Initiative.objects.filter(person=person), can_edit=can_edit,
    )
    disciplines = Discipline.objects.filter(person=person).order_by("-year") if can_edit else Discipline.objects.none()
    return render(request, "awards/history.html", {
        **context, "subject": person, "subject_unit": person.unit, "is_person": True, "disciplines": disciplines,
    })


@login_required
def unit_history(request, pk):
    unit = unit_get_for_user(request.user, pk)
    history_units = [unit, *unit.predecessors.all()]
    can_edit = is_system_admin(request.user) or has_any_role(request.user, services.HISTORY_ROLES, unit)
    context = _history_context(
        records=AwardRecord.objects.filter(unit__in=history_units), ratings=Rating.objects.filter(unit__in=history_units),
        initiatives=Initiative.objects.filter(unit__in=history_units), can_edit=can_edit,
    )
    return render(request, "awards/history.html", {**context, "subject": unit, "subject_unit": unit, "is_person": False})


@login_required
@require_POST
def record_add(request):
    kind = get_object_or_404(AwardKind, pk=request.POST.get("award_kind") or 0)
    year = request.POST.get("year", "")
    person = person_get_for_user(request.user, request.POST["person"]) if request.POST.get("person") else None
    unit = unit_get_for_user(request.user, request.POST["unit"]) if request.POST.get("unit") and person is None else None
    if not year.isdigit():
        messages.error(request, "Năm không hợp lệ.")
    else:
        run_service(
            request,
            lambda: services.award_record_create(
                actor=request.user, award_kind=kind, year=int(year), decision=request.POST.get("decision", "")[:200], person=person, unit=unit
            ),
            "Đã ghi nhận khen thưởng vào lịch sử.",
        )
    target = ("awards:person-history", person.pk) if person else ("awards:unit-history", unit.pk if unit else 0)
    return redirect(*target)


@login_required
@require_POST
def history_entry(request, entry):
    """Ratings, initiatives and discipline records typed in from the unit's files."""
    post = request.POST
    person = person_get_for_user(request.user, post["person"]) if post.get("person", "").isdigit() else None
    unit = unit_get_for_user(request.user, post["unit"]) if post.get("unit", "").isdigit() and person is None else None
    if person is None and unit is None:
        raise Http404
    year = post.get("year", "")
    if not year.isdigit():
        messages.error(request, "Năm không hợp lệ.")
    elif entry == "xep-loai":
        run_service(request, lambda: services.rating_set(actor=request.user, year=int(year), level=post.get("level", ""), person=person, unit=unit),
                    "Đã ghi xếp loại.")
    elif entry == "sang-kien":
        run_service(request, lambda: services.initiative_create(
            actor=request.user, title=post.get("title", ""), scope=post.get("scope", ""), year=int(year),
            recognising_decision=post.get("recognising_decision", ""), is_topic=post.get("is_topic") == "1", person=person, unit=unit,
        ), "Đã ghi sáng kiến, đề tài.")
    elif entry == "ky-luat" and person is not None:
        run_service(request, lambda: services.discipline_create(actor=request.user, person=person, year=int(year), level=post.get("level", ""),
                                                               decision=post.get("decision", "")), "Đã ghi kỷ luật.")
    else:
        raise Http404
    if person is not None:
        return redirect("awards:person-history", person.pk)
    return redirect("awards:unit-history", unit.pk)


@login_required
@require_POST
def record_revoke(request, pk):
    visible_units = Unit.objects.visible_to(request.user).values("pk")
    record = get_object_or_404(AwardRecord.objects.filter(Q(unit__in=visible_units) | Q(person__unit__in=visible_units)), pk=pk)
    run_service(
        request,
        lambda: services.award_record_revoke(actor=request.user, record=record, revoking_decision=request.POST.get("revoking_decision", "")[:200]),
        "Đã ghi nhận quyết định hủy bỏ; khen thưởng này không còn được tính khi xét điều kiện.",
    )
    return redirect(record.get_absolute_url())


def _parse_year(value):
    text = str(value).strip()
    if not text.isdigit() or not 1945 <= int(text) <= 2100:
        raise ValueError("năm không hợp lệ")
    return int(text)


def _kind_by_name(value):
    kind = AwardKind.objects.filter(Q(code=str(value).strip()) | Q(name__iexact=str(value).strip())).first()
    if kind is None:
        raise ValueError(f"không có danh hiệu, hình thức “{value}”")
    return kind


IMPORT_COLUMNS = [
    ImportColumn("Mã đơn vị", "unit_code", lambda v: str(v).strip()),
    ImportColumn("Họ và tên cá nhân (để trống nếu là tập thể)", "person_name", str, required=False),
    ImportColumn("Danh hiệu, hình thức", "award_kind", _kind_by_name),
    ImportColumn("Năm", "year", _parse_year),
    ImportColumn("Quyết định", "decision", str),
]


@login_required
def history_import(request):
    """Import award history from Excel: every bad row listed, nothing saved if one is bad."""
    if request.GET.get("template"):
        return xlsx_response(
            filename="mau-lich-su-khen-thuong.xlsx", title="Lịch sử khen thưởng",
            headers=[c.header for c in IMPORT_COLUMNS],
            rows=[("cuc-ctdp", "", "Tập thể lao động xuất sắc", 2013, "QĐ số …/QĐ-BCT ngày …")],
        )
    errors = []
    if request.method == "POST" and request.FILES.get("file"):
        result = read_import(request.FILES["file"], IMPORT_COLUMNS)
        errors = list(result.errors)
        rows = []
        visible = Unit.objects.visible_to(request.user)
        for row in result.rows:
            unit = visible.filter(code=row["unit_code"]).first()
            if unit is None:
                errors.append((row["row"], f"không có đơn vị mã “{row['unit_code']}” trong phạm vi."))
                continue
            person = None
            if row["person_name"]:
                person = Person.objects.filter(unit=unit, full_name=str(row["person_name"]).strip()).first()
                if person is None:
                    errors.append((row["row"], f"không có cá nhân “{row['person_name']}” ở {unit.name}."))
                    continue
            rows.append({"row": row["row"], "award_kind": row["award_kind"], "year": row["year"], "decision": row["decision"],
                         "person": person, "unit": None if person else unit})
        if not errors:
            try:
                count = services.award_records_import(actor=request.user, rows=rows)
            except ValidationError as error:
                errors = [(0, message) for message in error.messages]
            else:
                messages.success(request, f"Đã nhập {count} khen thưởng vào lịch sử.")
                return redirect("awards:history-import")
    elif request.method == "POST":
        errors = [(0, "Chưa chọn tệp Excel.")]
    return render(request, "awards/history_import.html", {"errors": sorted(errors)})


@login_required
def eligibility_check(request):
    """Check one subject against one title or form for an achievement year, with reasons."""
    finding = None
    kinds = AwardKind.objects.all()
    code, year = request.GET.get("award", ""), request.GET.get("year", "")
    person_id, unit_id = request.GET.get("person", ""), request.GET.get("unit", "")
    subject = None
    if code and year.isdigit() and (person_id.isdigit() or unit_id.isdigit()):
        if person_id.isdigit():
            subject = person_get_for_user(request.user, int(person_id))
            finding = eligibility.evaluate(code=code, year=int(year), person=subject)
        else:
            subject = unit_get_for_user(request.user, int(unit_id))
            finding = eligibility.evaluate(code=code, year=int(year), unit=subject)
    return render(request, "awards/eligibility_check.html", {"kinds": kinds, "finding": finding, "subject": subject, "params": request.GET})


def honour_board(request):
    """The public honour board (bảng vinh danh): no login, recent awards by year, unit and title."""
    records = AwardRecord.objects.filter(revoked=False).select_related("award_kind", "person__unit", "unit__parent")
    year, unit, kind = request.GET.get("year", ""), request.GET.get("unit", "").strip()[:100], request.GET.get("award", "")
    if year.isdigit():
        records = records.filter(year=int(year))
    if unit:
        records = records.filter(Q(unit__name__icontains=unit) | Q(person__unit__name__icontains=unit))
    if kind:
        records = records.filter(award_kind__code=kind)
    return render(
        request,
        "awards/honour_board.html",
        {"page": paginate(request, records.order_by("-year", "award_kind__sort_order", "pk")), "kinds": AwardKind.objects.all(), "params": request.GET},
    )
