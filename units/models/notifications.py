"""In-app notices at hand-overs (and their e-mails)."""

from django.conf import settings
from django.db import models


class Notification(models.Model):
    """An in-app notice at a hand-over; ``key`` makes each notice (and its e-mail) go out once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    key = models.CharField(max_length=160)
    text = models.CharField("nội dung", max_length=500)
    link = models.CharField(max_length=300, blank=True)
    is_read = models.BooleanField("đã đọc", default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="uniq_user_notification_key")]
        indexes = [models.Index(fields=["user", "is_read"], name="notification_unread")]

    def __str__(self):
        return self.text
