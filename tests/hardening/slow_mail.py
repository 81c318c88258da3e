"""An e-mail backend as slow as a real SMTP server, for the password reset timing test."""

import time

from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

DELAY = 0.3


class EmailBackend(LocmemBackend):
    def send_messages(self, messages):
        time.sleep(DELAY)
        return super().send_messages(messages)
