"""The certificate task the benchmark's worker runs (``celery … worker -I bench.certificate_tasks``).

Until certificates are background jobs of the application (issue 13 §3), this is how "1,000
certificates on 2 workers" is measured: each task takes a record id, renders that record's
certificate with the application's own ``certificate_pdf`` and stores it under MEDIA_ROOT with a
name derived from the id, so a second run overwrites rather than adds.
"""

from celery import shared_task


@shared_task(acks_late=True)
def render_certificate(record_id: int, folder: str) -> int:
    import os
    from pathlib import Path

    from django.conf import settings

    from awards.models import AwardRecord
    from awards.services import certificate_pdf

    record = AwardRecord.objects.select_related("award_kind", "person__unit", "unit", "nomination__decision",
                                                "nomination__round__deciding_unit").get(pk=record_id)
    content = certificate_pdf(record)
    target = Path(settings.MEDIA_ROOT) / folder / f"{record_id}.pdf"
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".{os.getpid()}.part")
    partial.write_bytes(content)
    os.replace(partial, target)  # the benchmark counts finished files only
    return len(content)
