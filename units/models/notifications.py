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
    # The e-mail copy: an outbox the workers empty; a mail server or broker that is down only delays it.
    email_sent_at = models.DateTimeField(null=True, blank=True)
    email_claimed_at = models.DateTimeField(null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="uniq_user_notification_key")]
        indexes = [
            models.Index(fields=["user", "is_read"], name="notification_unread"),
            models.Index(fields=["email_sent_at", "created_at"], name="notification_outbox", condition=models.Q(email_sent_at__isnull=True)),
        ]

    def __str__(self):
        return self.text
