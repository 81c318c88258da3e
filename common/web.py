"""Small helpers shared by the views of every app."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError


def run_service(request, action, success: str = ""):
    """Call a service; turn its refusals into Vietnamese messages, never into lost input or a 500.

    Return the service's result, or None when it refused.
    """
    try:
        result = action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return None
    except PermissionDenied as error:
        messages.error(request, str(error) or "Tài khoản không có quyền thực hiện thao tác này.")
        return None
    if success:
        messages.success(request, success)
    return result


def form_error_messages(request, form) -> None:
    """Show a form's errors as messages (for small forms posted from a detail page)."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def refused(request, refusal, fallback):
    """A page behind a policy: a missing right is 403; a state that forbids the action sends the user back with
    the reason (never a server error). None when the action is allowed."""
    from django.core.exceptions import PermissionDenied
    from django.shortcuts import redirect

    if refusal is None:
        return None
    if refusal.permission:
        raise PermissionDenied(refusal.message)
    messages.error(request, refusal.message)
    return redirect(fallback)
