"""The account's own page: the to-do list at first login, and its notifications."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from common.pagination import paginate

from .extensions import todo_items
from .models import Notification
from .scoping import get_scope


@login_required
def home(request):
    return render(request, "units/home.html", {"assignments": get_scope(request.user).assignments, "todo": todo_items(request.user)})


@login_required
def notification_list(request):
    notifications = Notification.objects.filter(user=request.user)
    if request.method == "POST":
        notifications.filter(is_read=False).update(is_read=True)
        messages.success(request, "Đã đánh dấu tất cả thông báo là đã đọc.")
        return redirect("units:notification-list")
    return render(request, "units/notification_list.html", {"page": paginate(request, notifications)})


@login_required
@require_POST
def notification_open(request, pk):
    """Mark one notice read and go where it points (only ever a page of this site)."""
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    if not notification.is_read:
        notification.is_read = True
        notification.save(update_fields=["is_read"])
    link = notification.link
    return redirect(link if link.startswith("/") and not link.startswith("//") else "units:notification-list")
