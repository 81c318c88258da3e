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
