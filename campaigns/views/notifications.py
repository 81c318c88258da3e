"""The account's notifications."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from common.pagination import paginate

from ..models import Notification


@login_required
def notification_list(request):
    notifications = Notification.objects.filter(user=request.user)
    if request.method == "POST":
        notifications.filter(is_read=False).update(is_read=True)
        messages.success(request, "Đã đánh dấu tất cả thông báo là đã đọc.")
        return redirect("campaigns:notification-list")
    return render(request, "campaigns/notification_list.html", {"page": paginate(request, notifications)})
