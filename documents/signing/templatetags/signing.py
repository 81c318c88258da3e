"""Template tags: a document's digital signatures, and which rows of a list are digitally signed."""

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
