"""Numbers as Vietnamese readers write them: 38.300 and 146,2 (no trailing zeros, at most two decimals)."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def num(value, places: int = 2):
    """38300 → 38.300; 146.20 → 146,2; None → ""."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value)).quantize(Decimal(1).scaleb(-int(places)))
    except (InvalidOperation, ValueError):
        return value
    normalized = number.normalize()
    decimals = max(0, -normalized.as_tuple().exponent)
    return number_format(number, decimal_pos=decimals, use_l10n=True, force_grouping=True)
