"""Check one subject against one title or form for an achievement year, with reasons."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from ..forms import EligibilityCheckForm
from ..models import AwardKind
from ..selectors import evaluate


@login_required
def eligibility_check(request):
    form = EligibilityCheckForm(request.GET or None, user=request.user)
    finding = subject = None
    if form.is_bound and form.ready():
        data = form.cleaned_data
        subject = data["person"] or data["unit"]
        finding = evaluate(kind=data["award"], year=data["year"], person=data["person"], unit=None if data["person"] else data["unit"])
    return render(request, "awards/eligibility_check.html", {
        "kinds": AwardKind.objects.all(), "finding": finding, "subject": subject, "params": request.GET, "form": form,
    })
