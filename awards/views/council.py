"""Screens of the council: sessions, attendance, agenda, the secret ballot, tallies and minutes."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from common.pagination import paginate
from common.web import form_error_messages, run_service

from .. import selectors, services
from ..forms import AgendaForm, AttendanceForm, SessionForm, VoteForm
from ..models import VoteChoice


@login_required
def session_list(request):
    councils = selectors.councils_of_secretary(request.user)
    form = SessionForm(request.POST or None, councils=councils)
    if request.method == "POST":
        if form.is_valid():
            session = run_service(request, lambda: services.council_session_create(actor=request.user, **form.cleaned_data), "Đã lập phiên họp.")
            if session is not None:
                return redirect(session)
        else:
            form_error_messages(request, form)
    return render(request, "awards/session_list.html", {
        "page": paginate(request, selectors.sessions_visible_to(request.user)), "councils": councils, "posted": form.data,
    })


@login_required
def session_detail(request, pk):
    session = selectors.session_get_for_user(request.user, pk)
    return render(request, "awards/session_detail.html", selectors.session_page(request.user, session))


@login_required
@require_POST
def session_attendance(request, pk):
    session = selectors.session_get_for_user(request.user, pk)
    form = AttendanceForm(request.POST, council=session.council)
    if form.is_valid():
        run_service(
            request,
            lambda: services.session_attendance_set(session=session, actor=request.user, present_ids=[m.pk for m in form.cleaned_data["present"]]),
            "Đã ghi danh sách thành viên có mặt.",
        )
    else:
        form_error_messages(request, form)
    return redirect(session)


@login_required
@require_POST
def agenda_add(request, pk):
    session = selectors.session_get_for_user(request.user, pk)
    form = AgendaForm(request.POST, council=session.council)
    if form.is_valid():
        run_service(
            request,
            lambda: services.agenda_add(session=session, actor=request.user, **form.cleaned_data),
            "Đã đưa hồ sơ vào chương trình phiên họp.",
        )
    else:
        form_error_messages(request, form)
    return redirect(session)


@login_required
@require_POST
def ballot_action(request, pk, action):
    box = selectors.box_get_for_user(request.user, pk)
    if action == "open":
        run_service(request, lambda: services.ballot_open(box=box, actor=request.user), "Đã mở bỏ phiếu kín.")
    elif action == "close":
        run_service(request, lambda: services.ballot_close(box=box, actor=request.user), "Đã kết thúc bỏ phiếu.")
    elif action == "vote":
        form = VoteForm(request.POST)
        if not form.is_valid():
            form_error_messages(request, form)
        elif not form.cleaned_data["confirmed"]:  # a secret ballot cannot be changed: confirm first
            return render(request, "awards/ballot_confirm.html", {"box": box, "choice": form.cleaned_data["choice"],
                                                                   "label": dict(VoteChoice.choices)[form.cleaned_data["choice"]]})
        else:
            run_service(request, lambda: services.ballot_vote(box=box, member=request.user, choice=form.cleaned_data["choice"]), "Đã ghi nhận phiếu của bạn.")
    else:
        raise Http404
    return redirect(box.session)


@login_required
def ballot_tally(request, pk):
    box = selectors.box_get_for_user(request.user, pk)
    result = selectors.tally(box=box)  # PermissionDenied (403) while the ballot is open
    return JsonResponse({k: (str(v) if k == "percent" else v) for k, v in result.items()})


@login_required
@require_POST
def session_ballots(request, pk, action):
    """Open or close the ballots of the whole agenda at once."""
    session = selectors.session_get_for_user(request.user, pk)
    if action == "open":
        run_service(request, lambda: services.session_ballots_open(session=session, actor=request.user), "Đã mở bỏ phiếu kín cho cả chương trình.")
    elif action == "close":
        run_service(request, lambda: services.session_ballots_close(session=session, actor=request.user), "Đã kết thúc bỏ phiếu cho cả chương trình.")
    else:
        raise Http404
    return redirect(session)


@login_required
@require_POST
def session_minutes(request, pk):
    session = selectors.session_get_for_user(request.user, pk)
    document = run_service(request, lambda: services.session_minutes(session=session, actor=request.user), "Đã lập biên bản phiên họp.")
    return redirect(document or session)
