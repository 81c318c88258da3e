"""Award history of a person or a unit: awards held, ratings, initiatives, discipline; import; revocation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from common.excel import xlsx_response
from common.policies import allowed
from common.web import form_error_messages, run_service
from units.selectors import person_get_for_user, unit_get_for_user

from .. import imports, policies, selectors, services
from ..forms import HISTORY_ENTRY_FORMS, AwardRecordForm, RevokeForm, UploadForm
from ..models import (
    AwardKind,
    AwardRecord,
    Discipline,
    DisciplineLevel,
    Initiative,
    InitiativeScope,
    Rating,
    RatingLevel,
)


def _history_context(*, records, ratings, initiatives, can_edit, user, record_form=None):
    records = list(records.select_related("award_kind", "nomination__round__deciding_unit", "deciding_unit", "unit", "person__unit").order_by("-year", "award_kind__sort_order"))
    for record in records:
        record.can_revoke = allowed(policies.revoke_record_refusal(user, record))
        record.can_verify = allowed(policies.verify_record_refusal(user, record))
    return {
        "records": records,
        "ratings": ratings.order_by("-year"),
        "initiatives": initiatives.order_by("-year"),
        "can_edit": can_edit,
        "kinds": AwardKind.objects.all(),
        "record_form": record_form or AwardRecordForm(user=user),  # the deciding body is searched by name
        "rating_levels": RatingLevel.choices,
        "scopes": InitiativeScope.choices,
        "discipline_levels": DisciplineLevel.choices,
    }


@login_required
def person_history(request, pk):
    return _person_page(request, person_get_for_user(request.user, pk))


def _person_page(request, person, *, record_form=None, status=200):
    can_edit = allowed(policies.edit_history_refusal(request.user, person.unit))
    context = _history_context(
        records=AwardRecord.objects.filter(person=person), ratings=Rating.objects.filter(person=person),
        initiatives=Initiative.objects.filter(person=person), can_edit=can_edit, user=request.user, record_form=record_form,
    )
    disciplines = Discipline.objects.filter(person=person).order_by("-year") if can_edit else Discipline.objects.none()
    return render(request, "awards/history.html", {
        **context, "subject": person, "subject_unit": person.unit, "is_person": True, "disciplines": disciplines,
    }, status=status)


@login_required
def unit_history(request, pk):
    return _unit_page(request, unit_get_for_user(request.user, pk))


def _unit_page(request, unit, *, record_form=None, status=200):
    history_units = [unit, *unit.predecessors.all()]
    can_edit = allowed(policies.edit_history_refusal(request.user, unit))
    context = _history_context(
        records=AwardRecord.objects.filter(unit__in=history_units), ratings=Rating.objects.filter(unit__in=history_units),
        initiatives=Initiative.objects.filter(unit__in=history_units), can_edit=can_edit, user=request.user, record_form=record_form,
    )
    return render(request, "awards/history.html", {**context, "subject": unit, "subject_unit": unit, "is_person": False}, status=status)


def _back_to(subject: dict):
    if subject.get("person") is not None:
        return redirect("awards:person-history", subject["person"].pk)
    return redirect("awards:unit-history", subject["unit"].pk)


@login_required
@require_POST
def record_add(request):
    form = AwardRecordForm(request.POST, user=request.user)
    if not form.is_valid():
        if form.cleaned_data.get("person") is None and form.cleaned_data.get("unit") is None:
            raise Http404
        form_error_messages(request, form)
        # the page again, with what was typed (and the bodies a typed name matched, to choose one)
        if form.cleaned_data.get("person") is not None:
            return _person_page(request, form.cleaned_data["person"], record_form=form, status=400)
        return _unit_page(request, form.cleaned_data["unit"], record_form=form, status=400)
    data = form.cleaned_data
    run_service(
        request,
        lambda: services.award_record_create(
            actor=request.user, award_kind=data["award_kind"], year=data["year"], decision=data["decision"],
            deciding_unit=data["deciding_unit"], decided_on=data["decided_on"], **form.subject()
        ),
        "Đã ghi nhận khen thưởng vào lịch sử.",
    )
    return _back_to(data)


@login_required
@require_POST
def history_entry(request, entry):
    """Ratings, initiatives and discipline records typed in from the unit's files."""
    form_class = HISTORY_ENTRY_FORMS.get(entry)
    if form_class is None:
        raise Http404
    form = form_class(request.POST, user=request.user)
    if not form.is_valid():
        if form.cleaned_data.get("person") is None and form.cleaned_data.get("unit") is None:
            raise Http404
        form_error_messages(request, form)
        return _back_to(form.cleaned_data)
    data, subject = form.cleaned_data, form.subject()
    if entry == "xep-loai":
        run_service(request, lambda: services.rating_set(actor=request.user, year=data["year"], level=data["level"], **subject), "Đã ghi xếp loại.")
    elif entry == "sang-kien":
        run_service(request, lambda: services.initiative_create(
            actor=request.user, title=data["title"], scope=data["scope"], year=data["year"],
            recognising_decision=data["recognising_decision"], is_topic=data["is_topic"], **subject,
        ), "Đã ghi sáng kiến, đề tài.")
    else:
        run_service(request, lambda: services.discipline_create(
            actor=request.user, person=subject["person"], year=data["year"], level=data["level"], decision=data["decision"]
        ), "Đã ghi kỷ luật.")
    return _back_to(subject)


@login_required
@require_POST
def record_revoke(request, pk):
    record = selectors.record_get_for_user(request.user, pk)
    form = RevokeForm(request.POST)
    if form.is_valid():
        run_service(
            request,
            lambda: services.award_record_revoke(actor=request.user, record=record, revoking_decision=form.cleaned_data["revoking_decision"]),
            "Đã ghi nhận quyết định hủy bỏ; khen thưởng này không còn được tính khi xét điều kiện.",
        )
    else:
        form_error_messages(request, form)
    return redirect(record.get_absolute_url())


@login_required
@require_POST
def record_verify(request, pk):
    record = selectors.record_get_for_user(request.user, pk)
    run_service(request, lambda: services.award_record_verify(actor=request.user, record=record),
                "Đã xác nhận; khen thưởng được công khai trên bảng vinh danh.")
    return redirect(record.get_absolute_url())


@login_required
def history_import(request):
    """Import award history from Excel: every bad row listed, nothing saved if one is bad."""
    if request.method == "GET" and "template" in request.GET:
        return xlsx_response(
            filename="mau-lich-su-khen-thuong.xlsx", title="Lịch sử khen thưởng",
            headers=[c.header for c in imports.IMPORT_COLUMNS], rows=imports.TEMPLATE_ROWS,
        )
    errors = []
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            errors = [(0, "Chưa chọn tệp Excel.")]
        else:
            rows, errors = imports.history_rows_from_upload(form.cleaned_data["file"], user=request.user)
            if not errors:
                try:
                    count = services.award_records_import(actor=request.user, rows=rows)
                except ValidationError as error:
                    errors = [(0, message) for message in error.messages]
                else:
                    messages.success(request, f"Đã nhập {count} khen thưởng vào lịch sử.")
                    return redirect("awards:history-import")
    return render(request, "awards/history_import.html", {"errors": sorted(errors)})
