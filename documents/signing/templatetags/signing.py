"""Template tags: a document's digital signatures, and which rows of a list are digitally signed."""

import re

from django import template

from ..models import AppliedSignature, Verification

register = template.Library()


@register.inclusion_tag("documents/partials/_signatures.html")
def document_signatures(document):
    """The signatures card of the document page: subject, issuer, validity and time of each."""
    return {
        "signatures": list(AppliedSignature.objects.filter(document=document).order_by("order")),
        "verification": Verification.objects.filter(document=document, issued_sha256__gt="").first(),
    }


@register.simple_tag
def signed_ids(documents):
    """The ids among ``documents`` that carry a digital signature: one query for a whole page."""
    ids = [d.pk for d in documents]
    return set(AppliedSignature.objects.filter(document_id__in=ids).values_list("document_id", flat=True).distinct())


# asn1crypto's names of the X.509 attributes (``Name.human_friendly``), as Vietnamese readers know them.
DN_LABELS = {
    "Common Name": "Tên", "Organization": "Tổ chức", "Organizational Unit": "Đơn vị", "Country": "Quốc gia",
    "State/Province": "Tỉnh, thành phố", "Locality": "Địa phương", "Email Address": "Thư điện tử",
    "Title": "Chức danh", "Serial Number": "Số định danh", "Given Name": "Tên", "Surname": "Họ",
    "User ID": "Mã định danh", "Street Address": "Địa chỉ",
}
DN_PATTERN = re.compile(r"(^|, )(" + "|".join(re.escape(label) for label in DN_LABELS) + r"): ")


@register.filter
def dn_vi(subject: str) -> str:
    """"Common Name: Sở Công Thương…, Country: VN" → "Tên: Sở Công Thương…, Quốc gia: VN"."""
    return DN_PATTERN.sub(lambda m: f"{m.group(1)}{DN_LABELS[m.group(2)]}: ", subject or "")
