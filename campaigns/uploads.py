"""Evidence quotas per report and per unit (ASVS 12.1.3); the file type is sniffed in ``common.uploads``."""

from django.conf import settings
from django.core.exceptions import ValidationError

from common.uploads import max_upload_bytes, safe_original_name, sniff_upload  # noqa: F401 - re-exported


def check_quota(*, report, size: int) -> None:
    """Per report: at most ``EVIDENCE_MAX_FILES_PER_REPORT`` files; per unit and campaign: at most
    ``EVIDENCE_UNIT_QUOTA_BYTES`` in all (ASVS 12.1.3)."""
    from django.db.models import Sum

    from .models import Evidence

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
