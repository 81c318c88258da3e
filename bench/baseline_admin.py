"""The baseline of the page benchmarks: Django admin changelists (100 rows a page) of the same models.

A separate admin site, mounted at /bench-admin/ only by ``bench/urls.py``, so the project's admin
stays as it is. Each changelist selects the related rows it shows, as a well-configured admin would.
"""

from django.contrib import admin

from awards.models import AwardRecord, Nomination
from campaigns.models import Target
from documents.models import OfficialDocument
from units.models import Unit

site = admin.AdminSite(name="benchadmin")


@admin.register(Target, site=site)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["registration", "indicator", "target_value", "direction"]
    list_select_related = ["registration__unit", "registration__campaign", "indicator"]
    list_filter = ["registration__campaign"]


@admin.register(Unit, site=site)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "parent", "is_active"]
    list_select_related = ["parent"]


@admin.register(AwardRecord, site=site)
class AwardRecordAdmin(admin.ModelAdmin):
    list_display = ["award_kind", "year", "person", "unit", "decision"]
    list_select_related = ["award_kind", "person", "unit"]


@admin.register(Nomination, site=site)
class NominationAdmin(admin.ModelAdmin):
    list_display = ["award_kind", "person", "unit", "proposing_unit", "status", "round"]
    list_select_related = ["award_kind", "person", "unit", "proposing_unit", "round"]


@admin.register(OfficialDocument, site=site)
class OfficialDocumentAdmin(admin.ModelAdmin):
    list_display = ["symbol", "issued_on", "doc_type", "subject", "lead_issuer", "status"]
    list_select_related = ["lead_issuer"]
