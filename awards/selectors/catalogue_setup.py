"""Reads for keeping the catalogue: the titles and forms an account may open, the owners it may pick, and
the rule a title has in the rule set in force."""

from __future__ import annotations

import datetime

from django.shortcuts import get_object_or_404

from units.models import Role, Unit
from units.scoping import assigned_units

from ..models import AwardKind, AwardRule
from .rules import ruleset_for


def award_kinds_available_to(user):
    return AwardKind.objects.available_to(user).select_related("owner")


def award_kind_get_for_user(user, pk) -> AwardKind:
    """A title or form of the sector, or of a unit the account may see; 404 otherwise."""
    return get_object_or_404(award_kinds_available_to(user), pk=pk)


def award_kind_owner_choices(user):
    """Units whose own titles and forms the account may keep: those it manages campaigns for."""
    return Unit.objects.filter(pk__in=assigned_units(user, Role.CAMPAIGN_MANAGER).values("pk")).order_by("path")


def ruleset_in_force():
    return ruleset_for(datetime.date.today().year)


def rule_in_force(kind: AwardKind) -> AwardRule | None:
    ruleset = ruleset_in_force()
    return AwardRule.objects.filter(ruleset=ruleset, award_kind=kind).first() if ruleset else None
