"""Evidence files of a progress report: the type is read from the content, the name is generated."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum

from common.policies import ensure
from common.uploads import safe_original_name, sniff_upload
from units.audit import audit_record
from units.models import User

from .. import policies
from ..models import Evidence, ProgressReport, Target


@transaction.atomic
def evidence_add(*, report: ProgressReport, actor: User, upload, target: Target | None = None) -> Evidence:
    """Attach an evidence file (optionally for one target): the type is read from its content, and its
    name is generated."""
    ensure(policies.edit_evidence_refusal(actor, report))
    if target is not None and target.registration_id != report.registration_id:
        raise ValidationError("Chỉ tiêu không thuộc bản đăng ký này.", code="foreign_target")
    report = ProgressReport.objects.select_for_update().select_related("registration").get(pk=report.pk)  # quota checks in turn
    kind, extension = sniff_upload(upload)
    check_quota(report=report, size=upload.size)
    key = f"{uuid.uuid4().hex}.{extension}"
    upload.seek(0)
    evidence = Evidence(
        report=report,
        target=target,
        storage_key=key,
        original_name=safe_original_name(upload.name, extension=extension),  # evil.html holding a PDF → evil.pdf
        content_type=kind,
        size=upload.size,
        uploaded_by=actor,
    )
    evidence.file.save(key, upload, save=False)
    evidence.save()
    audit_record(actor=actor, action="evidence_upload", obj=report, unit=report.registration.unit, summary=f"Nộp minh chứng {evidence.original_name[:100]}")
    return evidence


@transaction.atomic
def evidence_delete(*, evidence: Evidence, actor: User) -> None:
    """Remove a file from a draft (or returned) report; the stored file goes after commit."""
    evidence = Evidence.objects.select_for_update().select_related("report__registration__unit").get(pk=evidence.pk)
    report = evidence.report
    ensure(policies.edit_evidence_refusal(actor, report))
    storage, name = evidence.file.storage, evidence.file.name
    evidence.delete()
    audit_record(actor=actor, action="evidence_delete", obj=report, unit=report.registration.unit, summary=f"Xóa minh chứng {evidence.original_name[:100]}")
    transaction.on_commit(lambda: storage.delete(name))


def check_quota(*, report, size: int) -> None:
    """Per report: at most ``EVIDENCE_MAX_FILES_PER_REPORT`` files; per unit and campaign: at most
    ``EVIDENCE_UNIT_QUOTA_BYTES`` in all (ASVS 12.1.3)."""
    max_files = int(getattr(settings, "EVIDENCE_MAX_FILES_PER_REPORT", 20))
    quota = int(getattr(settings, "EVIDENCE_UNIT_QUOTA_BYTES", 500 * 1024 * 1024))
    if Evidence.objects.filter(report=report).count() >= max_files:
        raise ValidationError(f"Mỗi báo cáo có tối đa {max_files} tệp minh chứng.", code="too_many_files")
    used = (
        Evidence.objects.filter(
            report__registration__campaign_id=report.registration.campaign_id, report__registration__unit_id=report.registration.unit_id
        ).aggregate(total=Sum("size"))["total"]
        or 0
    )
    if used + size > quota:
        raise ValidationError(
            f"Đơn vị đã dùng hết dung lượng minh chứng của phong trào ({quota // (1024 * 1024)} MB).", code="quota"
        )
