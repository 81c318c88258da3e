"""Scheduled work of campaigns. Tasks are thin and idempotent."""

from celery import shared_task


@shared_task
def send_reminders() -> int:
    from django.utils import timezone

    from .services.reminders import reminders_send

    return reminders_send(today=timezone.localdate())
