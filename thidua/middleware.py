"""Pages for a signed-in user are never stored by a browser or a proxy (``Cache-Control: no-store``).

A shared computer's back button, a proxy's cache or a browser's disk cache then keep no copy of a
ballot, a dossier or a personal record after the session ends.
"""

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
