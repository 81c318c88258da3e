"""Screens of nominations and the council: dossiers, agenda, secret ballot, tallies, minutes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from common.excel import xlsx_response
from common.pagination import paginate
from common.web import run_service
from units.models import Person, Role, Unit
from units.scoping import get_scope, has_role, role_units

from . import eligibility
from . import nominations as svc
from .eligibility import evaluate_many
from .models import (
    AwardKind,
    AwardRound,
    BallotBox,
    CouncilSession,
    DossierDocument,
    DossierFile,
    Nomination,
    NominationStatus,
)


def nominations_visible_to(user):
    """Own unit's nominations, and the submitted ones before a council the account sits on."""
    scope = get_scope(user)
    queryset = Nomination.objects.select_related("round__deciding_unit", "award_kind", "person__unit", "unit", "proposing_unit")
    if scope.everything:
        return queryset
    council = Q(round__deciding_unit__council__members=user) | Q(round__deciding_unit__council__secretary=user)
    # The council sees a nomination once it is submitted; a draft stays with the proposing unit.
    return queryset.filter(
        Q(proposing_unit_id__in=sorted(scope.own_unit_ids)) | (council & ~Q(status=NominationStatus.DRAFT))
    ).distinct()


@login_required
def nomination_list(request):
    nominations = nominations_visible_to(request.user)
    status = request.GET.get("status", "")
    if status in NominationStatus.values:
        nominations = nominations.filter(status=status)
    query = request.GET.get("q", "").strip()[:100]
    if query:
        nominations = nominations.filter(
            Q(person__full_name__icontains=query) | Q(unit__name__icontains=query)
            | Q(award_kind__name__icontains=query) | Q(proposing_unit__name__icontains=query)
        )
    if request.GET.get("format") == "xlsx":
        return _nominations_xlsx(nominations.select_related("round")[:EXPORT_LIMIT])
    can_nominate = role_units(request.user, Role.UNIT_OFFICER).exists()
    page = paginate(request, nominations.select_related("round"))
    findings = evaluate_many(page.object_list)
    rows = [{"nomination": n, "finding": findings[n.pk]} for n in page.object_list]
    return render(request, "awards/nomination_list.html", {
        "page": page, "rows": rows, "can_nominate": can_nominate, "statuses": NominationStatus.choices, "params": request.GET,
    })


EXPORT_LIMIT = 5000


def _nominations_xlsx(nominations):
    """The list a unit sends upward: each nomination with its eligibility finding and reason."""
    nominations = list(nominations)
    findings = evaluate_many(nominations)
    rows = [
        (
            index, str(n.subject), "Cá nhân" if n.person_id else "Tập thể", n.subject_unit.name if n.person_id else "", n.award_kind.name,
            n.round.achievement_year, n.round.name, n.proposing_unit.name, n.get_status_display(),
            findings[n.pk].label, findings[n.pk].reason, n.achievement,
        )
        for index, n in enumerate(nominations, start=1)
    ]
    return xlsx_response(
        filename="de-nghi-khen-thuong.xlsx", title="Đề nghị khen thưởng",
        headers=["STT", "Tập thể, cá nhân", "Đối tượng", "Đơn vị công tác", "Danh hiệu, hình thức", "Năm thành tích", "Đợt xét",
                 "Đơn vị đề nghị", "Trạng thái", "Điều kiện", "Lý do", "Tóm tắt thành tích"],
        rows=rows,
    )


@login_required
def nomination_create(request):
    units = role_units(request.user, Role.UNIT_OFFICER).filter(is_active=True).order_by("path")
    if not units.exists():
        raise PermissionDenied("Chỉ cán bộ đầu mối của đơn vị được lập hồ sơ đề nghị khen thưởng.")
    today = timezone.localdate()
    rounds = AwardRound.objects.filter(opens_on__lte=today, closes_on__gte=today)
    if request.method == "POST":
        proposing = get_object_or_404(units, pk=request.POST.get("proposing_unit") or 0)
        award_round = get_object_or_404(rounds, pk=request.POST.get("round") or 0)
        kind = get_object_or_404(AwardKind, pk=request.POST.get("award_kind") or 0)
        person = get_object_or_404(Person.objects.visible_to(request.user), pk=request.POST["person"]) if request.POST.get("person") else None
        unit = None if person else get_object_or_404(Unit.objects.visible_to(request.user), pk=request.POST.get("unit") or proposing.pk)
        nomination = run_service(
            request,
            lambda: svc.nomination_create(actor=request.user, round=award_round, proposing_unit=proposing, award_kind=kind,
                                          achievement=request.POST.get("achievement", "")[:5000], person=person, unit=unit),
            "Đã lập hồ sơ đề nghị; hãy nộp các thành phần hồ sơ rồi trình.",
        )
        if nomination is not None:
            return redirect(nomination)
    persons = Person.objects.visible_to(request.user).filter(unit__in=units).order_by("full_name")[:500]
    return render(request, "awards/nomination_form.html", {"units": units, "rounds": rounds, "kinds": AwardKind.objects.all(), "persons": persons, "posted": request.POST})


def _nomination(request, pk):
    return get_object_or_404(nominations_visible_to(request.user), pk=pk)


@login_required
def nomination_detail(request, pk):
    nomination = _nomination(request, pk)
    return render(request, "awards/nomination_detail.html", {
        "nomination": nomination,
        "findings": svc.findings_for(nomination),
        "files": nomination.files.all(),
        "documents": DossierDocument.choices,
        "can_edit": nomination.status == "draft" and has_role(request.user, Role.UNIT_OFFICER, nomination.proposing_unit),
        "can_withdraw": nomination.status in ("draft", "submitted") and has_role(request.user, Role.UNIT_OFFICER, nomination.proposing_unit),
    })


@login_required
@require_POST
def dossier_upload(request, pk):
    nomination = _nomination(request, pk)
    upload, document = request.FILES.get("file"), request.POST.get("document", "")
    if upload is None or document not in DossierDocument.values:
        messages.error(request, "Chọn thành phần hồ sơ và tệp.")
    else:
        run_service(request, lambda: svc.dossier_add(nomination=nomination, actor=request.user, document=document, upload=upload), "Đã nộp tệp hồ sơ.")
    return redirect(nomination)


@login_required
def dossier_download(request, pk):
    item = get_object_or_404(DossierFile, pk=pk, nomination__in=nominations_visible_to(request.user))
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.original_name, content_type=item.content_type)


@login_required
@require_POST
def nomination_submit(request, pk):
    nomination = _nomination(request, pk)
    run_service(request, lambda: svc.nomination_submit(nomination=nomination, actor=request.user), "Đã trình hồ sơ đề nghị khen thưởng.")
    return redirect(nomination)


def _session(request, pk):
    session = get_object_or_404(CouncilSession.objects.select_related("council__unit", "minutes"), pk=pk)
    council = session.council
    if not (request.user.pk == council.secretary_id or council.members.filter(pk=request.user.pk).exists() or get_scope(request.user).everything):
        from django.http import Http404

        raise Http404
    return session


@login_required
def session_list(request):
    from .models import Council

    councils = Council.objects.filter(secretary=request.user)
    if request.method == "POST":
        council = get_object_or_404(councils, pk=request.POST.get("council") or 0)
        held_on = _parse_date(request.POST.get("held_on"))
        if held_on is None or not request.POST.get("title", "").strip():
            messages.error(request, "Cần tên phiên họp và ngày họp hợp lệ.")
        else:
            session = run_service(request, lambda: svc.council_session_create(
                actor=request.user, council=council, title=request.POST["title"], held_on=held_on), "Đã lập phiên họp.")
            if session is not None:
                return redirect(session)
    sessions = CouncilSession.objects.filter(Q(council__members=request.user) | Q(council__secretary=request.user)).distinct().select_related("council")
    return render(request, "awards/session_list.html", {"page": paginate(request, sessions), "councils": councils, "posted": request.POST})


@login_required
@require_POST
def nomination_withdraw(request, pk):
    nomination = _nomination(request, pk)
    run_service(request, lambda: svc.nomination_withdraw(nomination=nomination, actor=request.user), "Đã rút hồ sơ đề nghị.")
    return redirect(nomination)


@login_required
def session_detail(request, pk):
    session = _session(request, pk)
    is_secretary = request.user.pk == session.council.secretary_id
    is_member = session.council.members.filter(pk=request.user.pk).exists()
    boxes = list(
        session.boxes.select_related(
            "nomination__award_kind", "nomination__person__unit", "nomination__unit", "nomination__round__deciding_unit", "nomination__proposing_unit"
        ).prefetch_related("nomination__files").order_by("pk")
    )
    voted = set(session.boxes.filter(participations__member=request.user).values_list("pk", flat=True))
    findings = eligibility.findings_many([box.nomination for box in boxes])
    items = [{
        "box": box, "findings": findings[box.nomination_id], "voted": box.pk in voted,
        "conflicted": svc.conflicted(request.user, box.nomination), "tally": svc.tally(box=box) if box.closed else None,
    } for box in boxes]
    waiting = list(
        Nomination.objects.filter(status="submitted", round__deciding_unit=session.council.unit)
        .select_related("award_kind", "person", "unit", "round")
    ) if is_secretary else []
    quotas = []
    for code, year in sorted({(n.award_kind.code, n.round.achievement_year) for n in waiting} | {(i["box"].nomination.award_kind.code, i["box"].nomination.round.achievement_year) for i in items}):
        status = eligibility.quota_status(code=code, year=year, decider=session.council.unit)
        if status:
            quotas.append(status)
    present = set(session.present.values_list("pk", flat=True))
    members = [{"user": m, "present": m.pk in present} for m in session.council.members.order_by("full_name")]
    return render(request, "awards/session_detail.html", {
        "session": session, "items": items, "waiting": waiting, "quotas": quotas, "members": members,
        "attendance_recorded": bool(present), "is_secretary": is_secretary, "is_member": is_member,
    })


@login_required
@require_POST
def session_attendance(request, pk):
    session = _session(request, pk)
    run_service(request, lambda: svc.session_attendance_set(session=session, actor=request.user, present_ids=request.POST.getlist("present")),
                "Đã ghi danh sách thành viên có mặt.")
    return redirect(session)


@login_required
@require_POST
def agenda_add(request, pk):
    session = _session(request, pk)
    nomination = get_object_or_404(Nomination, pk=request.POST.get("nomination") or 0)
    run_service(request, lambda: svc.agenda_add(session=session, actor=request.user, nomination=nomination,
                                                quota_reason=request.POST.get("quota_reason", "")), "Đã đưa hồ sơ vào chương trình phiên họp.")
    return redirect(session)


@login_required
@require_POST
def ballot_action(request, pk, action):
    box = get_object_or_404(BallotBox.objects.select_related("session"), pk=pk)
    session = _session(request, box.session_id)
    if action == "open":
        run_service(request, lambda: svc.ballot_open(box=box, actor=request.user), "Đã mở bỏ phiếu kín.")
    elif action == "close":
        run_service(request, lambda: svc.ballot_close(box=box, actor=request.user), "Đã kết thúc bỏ phiếu.")
    elif action == "vote":
        run_service(request, lambda: svc.ballot_vote(box=box, member=request.user, choice=request.POST.get("choice", "")), "Đã ghi nhận phiếu của bạn.")
    else:
        from django.http import Http404

        raise Http404
    return redirect(session)


@login_required
def ballot_tally(request, pk):
    box = get_object_or_404(BallotBox, pk=pk)
    _session(request, box.session_id)
    result = svc.tally(box=box)  # PermissionDenied (403) while the ballot is open
    return JsonResponse({k: (str(v) if k == "percent" else v) for k, v in result.items()})


@login_required
@require_POST
def session_ballots(request, pk, action):
    """Open or close the ballots of the whole agenda at once."""
    session = _session(request, pk)
    if action == "open":
        run_service(request, lambda: svc.session_ballots_open(session=session, actor=request.user), "Đã mở bỏ phiếu kín cho cả chương trình.")
    elif action == "close":
        run_service(request, lambda: svc.session_ballots_close(session=session, actor=request.user), "Đã kết thúc bỏ phiếu cho cả chương trình.")
    else:
        from django.http import Http404

        raise Http404
    return redirect(session)


@login_required
@require_POST
def session_minutes(request, pk):
    session = _session(request, pk)
    document = run_service(request, lambda: svc.session_minutes(session=session, actor=request.user), "Đã lập biên bản phiên họp.")
    return redirect(document or session)


def _rounds(user):
    return AwardRound.objects.filter(deciding_unit__in=Unit.objects.visible_to(user)).select_related("deciding_unit")


def _round_units(user):
    """Deciding units (those with a council) where the account may open rounds."""
    from units.scoping import is_system_admin

    units = Unit.objects.filter(council__isnull=False, is_active=True)
    if is_system_admin(user):
        return units
    allowed = role_units(user, Role.COUNCIL_SECRETARY) | role_units(user, Role.CAMPAIGN_MANAGER)
    return units.filter(pk__in=allowed.values("pk"))


def _parse_date(value):
    import datetime

    try:
        return datetime.date.fromisoformat(value or "")
    except ValueError:
        return None


@login_required
def round_list(request):
    from campaigns.models import Campaign, CampaignStatus

    units = _round_units(request.user).order_by("path")
    if request.method == "POST":
        unit = get_object_or_404(units, pk=request.POST.get("deciding_unit") or 0)
        campaign = None
        if request.POST.get("campaign"):
            campaign = get_object_or_404(Campaign.objects.exclude(status=CampaignStatus.DRAFT), pk=request.POST["campaign"])
        opens_on, closes_on = _parse_date(request.POST.get("opens_on")), _parse_date(request.POST.get("closes_on"))
        year = request.POST.get("achievement_year", "")
        if opens_on is None or closes_on is None or not year.isdigit() or not request.POST.get("name", "").strip():
            messages.error(request, "Cần tên đợt xét, năm thành tích, ngày mở và hạn nộp hồ sơ hợp lệ.")
        else:
            award_round = run_service(request, lambda: svc.award_round_create(
                actor=request.user, name=request.POST["name"], kind=request.POST.get("kind", ""), deciding_unit=unit,
                achievement_year=int(year), opens_on=opens_on, closes_on=closes_on, campaign=campaign,
            ), "Đã mở đợt xét khen thưởng.")
            if award_round is not None:
                return redirect("awards:round-detail", pk=award_round.pk)
    rounds = _rounds(request.user)
    query = request.GET.get("q", "").strip()[:100]
    if query:
        rounds = rounds.filter(Q(name__icontains=query) | Q(deciding_unit__name__icontains=query))
    context = {"page": paginate(request, rounds.select_related("campaign")), "params": request.GET, "posted": request.POST}
    if units.exists():
        from .models import RoundKind

        context.update(units=units, kinds=RoundKind.choices,
                       campaigns=Campaign.objects.exclude(status=CampaignStatus.DRAFT).order_by("-start_date")[:200])
    return render(request, "awards/round_list.html", context)


@login_required
def round_detail(request, pk):
    from .models import AwardRecord

    award_round = get_object_or_404(_rounds(request.user), pk=pk)
    nominations = award_round.nominations.select_related("award_kind", "person__unit", "unit", "decision")
    decisions = {n.decision for n in nominations if n.decision_id}
    records = AwardRecord.objects.filter(nomination__round=award_round).select_related("award_kind", "person", "unit")
    return render(request, "awards/round_detail.html", {"round": award_round, "nominations": nominations, "decisions": decisions, "records": records})


@login_required
@require_POST
def decision_draft(request, pk):
    from . import decisions

    award_round = get_object_or_404(_rounds(request.user), pk=pk)
    title, name = request.POST.get("signer_title", "").strip()[:160], request.POST.get("signer_name", "").strip()[:120]
    if not title or not name:
        messages.error(request, "Cần chức vụ và họ tên người ký quyết định.")
        return redirect("awards:round-detail", pk=pk)
    document = run_service(request, lambda: decisions.decision_draft(award_round=award_round, actor=request.user, signer_title=title, signer_name=name),
                           "Đã lập dự thảo quyết định khen thưởng; trình lãnh đạo ký.")
    return redirect(document) if document else redirect("awards:round-detail", pk=pk)


@login_required
@require_POST
def decision_record(request, pk):
    from documents.selectors import document_get_for_user

    from . import decisions

    document = document_get_for_user(request.user, pk)
    records = run_service(request, lambda: decisions.decision_record(document=document, actor=request.user),
                          "Đã ghi nhận khen thưởng vào lịch sử và cấp số sổ vàng.")
    if records:
        return redirect("awards:round-detail", pk=records[0].nomination.round_id)
    return redirect(document)


@login_required
def certificate_download(request, pk):
    from django.http import HttpResponse

    from . import decisions
    from .models import AwardRecord

    visible = Unit.objects.visible_to(request.user).values("pk")
    record = get_object_or_404(AwardRecord.objects.filter(Q(unit__in=visible) | Q(person__unit__in=visible)), pk=pk, nomination__isnull=False)
    response = HttpResponse(decisions.certificate_pdf(record), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="chung-nhan-{record.pk}.pdf"'
    return response


@login_required
def certificate_bundle(request, pk):
    from django.http import HttpResponse

    from . import decisions
    from .models import AwardRecord

    award_round = get_object_or_404(_rounds(request.user), pk=pk)
    records = list(AwardRecord.objects.filter(nomination__round=award_round).select_related("award_kind", "person__unit", "unit", "nomination__decision"))
    if not records:
        messages.error(request, "Chưa có khen thưởng nào được ghi nhận trong đợt này.")
        return redirect("awards:round-detail", pk=pk)
    response = HttpResponse(decisions.certificates_bundle(records), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="bang-khen-dot-{award_round.pk}.pdf"'
    return response
