"""Policies answer "may this account do this now?" once, for the page that shows the button and
for the service that does the work.

A policy returns ``None`` when the action is allowed, or a ``Refusal`` that says why; the page reads
``allowed(...)``, the service calls ``ensure(...)``, which raises the refusal.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError


@dataclass(frozen=True)
class Refusal:
    message: str
    code: str = "forbidden"
    permission: bool = True  # False: the state of the object forbids it, not the account's rights

    def exception(self) -> Exception:
        if self.permission:
            return PermissionDenied(self.message)
        return ValidationError(self.message, code=self.code)


def deny(message: str, code: str = "forbidden") -> Refusal:
    """The account lacks the right."""
    return Refusal(message, code, permission=True)


def invalid(message: str, code: str) -> Refusal:
    """The object is not in a state that allows it."""
    return Refusal(message, code, permission=False)


def ensure(refusal: Refusal | None) -> None:
    if refusal is not None:
        raise refusal.exception()


def allowed(refusal: Refusal | None) -> bool:
    return refusal is None
