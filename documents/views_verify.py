"""The public verification page (documents:verify): what a QR code or a short code leads to;
and the signing account's own certificate page.

No login. Rate-limited per address; shows no internal id; a draft or secret document is
indistinguishable from a code that does not exist.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from .extensions import certificate_status
from .signing import selectors
from .signing.forms import CodeForm, Pkcs12Form, UploadForm
from .signing.models import format_code, normalise_code
from .signing.verify import verify_upload


def _client(request) -> str:
    return request.META.get("REMOTE_ADDR", "unknown")


def _allowed(request) -> bool:
    key = f"verify-rate:{_client(request)}"
    if cache.add(key, 1, timeout=60):
        return True
    try:
        count = cache.incr(key)
    except ValueError:
        cache.add(key, 1, timeout=60)
        return True
    return count <= settings.THIDUA_VERIFY_RATE_LIMIT


def _too_many(request):
    return render(request, "documents/verify_limited.html", status=429)


@never_cache
def verify_lookup(request):
    form = CodeForm(request.GET or None)
    if form.is_valid():
        return redirect("documents:verify", code=format_code(form.cleaned_data["code"]))
    return render(request, "documents/verify_lookup.html", {"form": form})


@never_cache
def verify(request, code):
    if not _allowed(request):
        return _too_many(request)
    normalised = normalise_code(code)
    verification = selectors.verification_public_get(normalised)
    certificate = None if verification is not None else selectors.certificate_public_get(normalised)
    found = verification or certificate
    if found is None:
        raise Http404("Không tìm thấy văn bản với mã tra cứu này.")
    if code != found.display_code:
        return redirect(found)
    document = found.document
    verdict = None
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        verdict = verify_upload(verification=found, data=form.cleaned_data["data"])
    context = {
        "verification": found,
        "document": document,
        "issuers": document.ordered_issuers(),
        "signatures": selectors.public_signers(document),
        "form": form,
        "verdict": verdict,
    }
    if certificate is not None:
        # A certificate belongs to its decision: the page shows both (docs/signatures.md).
        context.update(certificate=certificate, award_note=certificate_status(certificate.subject_id),
                       decision_verification=selectors.verification_for(document))
        return render(request, "documents/verify_certificate.html", context)
    return render(request, "documents/verify.html", context)


@login_required
def credential_mine(request):
    """The signing account's own certificate: see it, upload a PKCS#12 file (kept encrypted)."""
    from common.web import run_service

    from .signing import services as signing_services

    form = Pkcs12Form(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = run_service(
            request,
            lambda: signing_services.credential_upload_pkcs12(
                actor=request.user, data=data["file"], password=data["password"], image=data["image"], user=request.user
            ),
            "Đã lưu chứng thư số. Khóa bí mật được mã hóa khi lưu trữ.",
        )
        if created is not None:
            return redirect("documents:credential-mine")
    return render(
        request,
        "documents/credential_mine.html",
        {"form": form, "credential": signing_services.credential_for_user(request.user)},
    )
