"""The e-mail copy of each notice: an outbox that a mail server or broker outage delays and never empties."""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from tests.conftest import make_user
from units import notifications
from units.models import Notification, Role
from units.tasks import notification_email, notification_email_sweep

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(ministry):
    user = make_user("thu-ky-vp", ministry, Role.CAMPAIGN_MANAGER)
    user.email = "thuky@thidua.local"
    user.save()
    return user


def notify(user, key="k-1", text="Văn bản chờ ký: V/v thử"):
    notifications.notify_users(users=[user], key=key, text=text, link="/van-ban/1/")
    return Notification.objects.get(user=user, key=key)


def age(notice, seconds=600):
    Notification.objects.filter(pk=notice.pk).update(created_at=timezone.now() - datetime.timedelta(seconds=seconds))


def test_a_notice_is_emailed_once_after_commit(officer, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notice = notify(officer)
    assert mailoutbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["thuky@thidua.local"] and message.subject == "[thidua] Văn bản chờ ký: V/v thử"
    assert message.body.endswith("/van-ban/1/") and message.body.startswith("Văn bản chờ ký")
    notice.refresh_from_db()
    assert notice.email_sent_at is not None and notice.email_attempts == 1
    # the task again, the sweeper, the same key notified again: still one e-mail
    assert notification_email(notice.pk) == "skipped"
    age(notice)
    notification_email_sweep()
    with django_capture_on_commit_callbacks(execute=True):
        notify(officer)
    assert len(mailoutbox) == 1


def test_a_mail_server_that_is_down_delays_the_email(officer, django_capture_on_commit_callbacks, mailoutbox):
    with mock.patch("units.notifications.send_mail", side_effect=ConnectionRefusedError), \
            django_capture_on_commit_callbacks(execute=True):
        notice = notify(officer)
    notice.refresh_from_db()
    assert notice.email_sent_at is None and notice.email_claimed_at is None and notice.email_attempts == 1
    assert mailoutbox == []
    age(notice)
    assert notifications.email_pending() == [notice.pk]
    notification_email_sweep()  # the server is back
    notice.refresh_from_db()
    assert notice.email_sent_at is not None and notice.email_attempts == 2
    assert len(mailoutbox) == 1 and notifications.email_pending() == []


def test_a_broker_that_is_down_leaves_the_email_in_the_outbox(officer, django_capture_on_commit_callbacks, mailoutbox):
    with mock.patch.object(notification_email, "apply_async", side_effect=OSError("broker down")), \
            django_capture_on_commit_callbacks(execute=True):
        notice = notify(officer)
    assert mailoutbox == [] and Notification.objects.get(pk=notice.pk).email_attempts == 0
    age(notice)
    assert notification_email_sweep() == 1
    assert len(mailoutbox) == 1


def test_two_workers_never_both_send(officer, mailoutbox):
    notice = notify(officer)
    mail.outbox.clear()
    Notification.objects.filter(pk=notice.pk).update(email_claimed_at=timezone.now())  # another worker is sending it
    assert notification_email(notice.pk) == "skipped" and mailoutbox == []
    # that worker died: its claim expires and the notice is sent
    expired = timezone.now() - datetime.timedelta(seconds=notifications.CLAIM_SECONDS + 1)
    Notification.objects.filter(pk=notice.pk).update(email_claimed_at=expired)
    assert notification_email(notice.pk) == "sent" and len(mailoutbox) == 1


def test_accounts_without_an_address_and_given_up_notices_leave_the_outbox(ministry, officer, mailoutbox):
    silent = make_user("khong-email", ministry, Role.VIEWER)
    silent.email = ""
    silent.save()
    quiet = notify(silent)
    assert quiet.email_sent_at is not None  # nothing to send
    notice = notify(officer, key="k-2")
    Notification.objects.filter(pk=notice.pk).update(email_attempts=notifications.MAX_EMAIL_ATTEMPTS, email_sent_at=None)
    age(notice)
    assert notifications.email_pending() == []
