"""What higher apps plug into documents, so that documents imports none of them.

- ``on_issue(hook)``: ``hook(document=..., actor=...)`` runs inside the transaction that issues a
  document (awards writes a decision's award history and requests its certificates there).
- ``register_renderer(kind, render)``: ``render(job) -> bytes`` renders a ``PdfJob`` of a kind of its
  own (awards renders certificates and their print bundle); the worker stores and tracks it like any job.
- ``register_certificate_status(status)``: ``status(subject_id) -> str`` says, for the public verification
  page of a certificate, why the award no longer stands ("" while it stands; awards: a revoked award).
"""

from __future__ import annotations

from collections.abc import Callable

_issue_hooks: list[Callable] = []
_renderers: dict[str, Callable] = {}
_certificate_status: list[Callable] = []


def on_issue(hook: Callable) -> None:
    if hook not in _issue_hooks:
        _issue_hooks.append(hook)


def run_issue_hooks(*, document, actor) -> None:
    for hook in _issue_hooks:
        hook(document=document, actor=actor)


def register_renderer(kind: str, render: Callable) -> None:
    _renderers[kind] = render


def renderer_for(kind: str) -> Callable | None:
    return _renderers.get(kind)


def register_certificate_status(status: Callable) -> None:
    if status not in _certificate_status:
        _certificate_status.append(status)


def certificate_status(subject_id: int) -> str:
    """Why the award behind a certificate no longer stands, or "" (no registered app: it stands)."""
    for status in _certificate_status:
        if note := status(subject_id):
            return note
    return ""
