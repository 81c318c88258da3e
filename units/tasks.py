"""Account e-mails sent in the background."""

from celery import shared_task
from django.contrib.auth.forms import PasswordResetForm


@shared_task(acks_late=True, max_retries=0)
def password_reset_mail(email: str, domain: str, use_https: bool) -> None:
    """Look the address up and send the reset link, if it names an active account.

    The request that asked only queues this task, the same for every address, so neither its
    answer nor its timing tells whether the account exists.
    """
    form = PasswordResetForm(data={"email": email})
    if form.is_valid():
        form.save(domain_override=domain, use_https=use_https)


@shared_task(acks_late=True, max_retries=0)
def notification_email(notification_id: int) -> str:
    """Send one notice's e-mail; idempotent (a notice is e-mailed once, whoever runs it, however often)."""
    from .notifications import email_send

    return email_send(notification_id)


@shared_task(max_retries=0)
def notification_email_sweep() -> int:
    """Queue again the e-mails a broker or mail server outage left in the outbox."""
    from .notifications import email_dispatch, email_pending

    pending = email_pending()
    for notification_id in pending:
        if not email_dispatch(notification_id):
            break
    return len(pending)
