"""Error pages in Vietnamese; a 500 shows only the request id, never a traceback."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def bad_request(request, exception=None):
    message = str(exception) if exception and str(exception) else "Yêu cầu không hợp lệ."
    return render(request, "errors/400.html", {"message": message}, status=400)


def permission_denied(request, exception=None):
    message = str(exception) if exception and str(exception) else "Bạn không có quyền truy cập trang này."
    return render(request, "errors/403.html", {"message": message}, status=403)


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    template = loader.get_template("errors/500.html")
    return HttpResponseServerError(template.render({"request_id": getattr(request, "request_id", "")}))
