"""The administrator edits every rule value here; values marked unconfirmed stay visible as such.

Ballot boxes (with their sealed counts) and participations are deliberately NOT registered: nobody,
administrators included, may browse who voted or read a count before the close (a secret ballot is never
traceable to its voter). There is no ballot row to register (docs/awards.md)."""

from django.contrib import admin

from .models import (
    AwardKind,
    AwardRecord,
    AwardRound,
    AwardRule,
    BaseSalary,
    Council,
    CouncilSession,
    DecisionBasis,
    Discipline,
    Initiative,
    Rating,
    RuleSet,
)


class AwardRuleInline(admin.StackedInline):
    model = AwardRule
    extra = 0
    fk_name = "ruleset"
    autocomplete_fields = ["award_kind"]


@admin.register(RuleSet)
class RuleSetAdmin(admin.ModelAdmin):
    list_display = ["name", "valid_from", "valid_to"]
    inlines = [AwardRuleInline]


@admin.register(AwardKind)
class AwardKindAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "subject", "category", "level"]
    search_fields = ["name", "code"]


@admin.register(AwardRule)
class AwardRuleAdmin(admin.ModelAdmin):
    list_display = ["award_kind", "ruleset", "reward_multiple", "quota_percent", "pass_threshold", "confirmed"]
    list_filter = ["ruleset", "confirmed"]


@admin.register(DecisionBasis)
class DecisionBasisAdmin(admin.ModelAdmin):
    list_display = ["unit", "proposer"]
    autocomplete_fields = ["unit"]


@admin.register(BaseSalary)
class BaseSalaryAdmin(admin.ModelAdmin):
    list_display = ["amount", "valid_from", "confirmed"]


@admin.register(AwardRecord)
class AwardRecordAdmin(admin.ModelAdmin):
    list_display = ["award_kind", "year", "person", "unit", "decision", "revoked"]
    list_filter = ["award_kind", "year", "revoked"]
    search_fields = ["person__full_name", "unit__name", "decision"]
    autocomplete_fields = ["person", "unit"]


for model in (Rating, Discipline, Initiative):
    admin.site.register(model)


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "chair", "secretary"]
    filter_horizontal = ["members"]
    autocomplete_fields = ["unit"]


@admin.register(AwardRound)
class AwardRoundAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "deciding_unit", "achievement_year", "opens_on", "closes_on"]
    list_filter = ["kind", "achievement_year"]
    search_fields = ["name"]


@admin.register(CouncilSession)
class CouncilSessionAdmin(admin.ModelAdmin):
    list_display = ["title", "council", "held_on"]
    exclude = ["minutes"]
