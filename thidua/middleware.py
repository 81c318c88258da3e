"""Pages for a signed-in user are never stored by a browser or a proxy (``Cache-Control: no-store``).

A shared computer's back button, a proxy's cache or a browser's disk cache then keep no copy of a
ballot, a dossier or a personal record after the session ends.
"""

from django.core.exceptions import BadRequest
from django.utils.cache import add_never_cache_headers


class NoStoreForSignedInMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)  # no-cache, no-store, must-revalidate, private, max-age=0
        return response


class RejectNulInQueryMiddleware:
    """A query string with a NUL character is refused with a 400 page, never a server error.

    PostgreSQL cannot hold NUL in text, so a search or filter that carried one would fail in the
    database. Forms already refuse NUL in what they read; this covers the values views read from
    the address (search words, filters, page numbers).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                raise BadRequest("Địa chỉ trang chứa ký tự không hợp lệ (ký tự NUL). Hãy nhập lại từ khóa tìm kiếm hoặc bộ lọc.")
        return self.get_response(request)
