"""Current progress as tables: what the dashboard, its exports and the per-indicator view read.

A unit's latest counted value of each indicator, its status against the target in force, the unit's
totals and its average per period are kept here by ``campaigns.services.progress``: the services that
change what counts (a report submitted, accepted, returned or revised; a registration approved or
returned; a result entered after the fact) refresh the unit's rows in the same transaction. Pages then
read, sort, filter and paginate in the database whatever the number of units or report values.
"""

from django.db import models

from units.models import Unit

from .campaigns import Campaign
from .indicators import Indicator
from .registrations import Registration, Target

# The orders the dashboard offers, each served by an index: ties keep the registered units first, then
# the names. A unit with no % yet sorts as -1 (below every unit that has one).
LINE_ORDER = {
    "-percent": ("-sort_percent", "-registered", "unit_name", "id"),
    "percent": ("sort_percent", "-registered", "unit_name", "id"),
    "-achieved": ("-achieved", "-registered", "unit_name", "id"),
    "-behind": ("-behind", "-registered", "unit_name", "id"),
    "unit": ("unit_name", "id"),
}
NO_PERCENT = -1


class UnitProgress(models.Model):
    """One participating unit of one campaign: the registration in force and its targets' statuses."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="unit_progress")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="campaign_progress")
    unit_name = models.CharField(max_length=255)  # the unit's name, for the sorts' indexes (kept on rename)
    registration = models.ForeignKey(Registration, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    registered = models.BooleanField(default=False)
    approved = models.BooleanField(default=False)  # the registration in force is approved (not only submitted)
    targets = models.PositiveIntegerField("chỉ tiêu", default=0)
    achieved = models.PositiveIntegerField("đạt hoặc vượt", default=0)
    exceeded = models.PositiveIntegerField("vượt", default=0)
    behind = models.PositiveIntegerField("chưa đạt", default=0)
    not_reported = models.PositiveIntegerField("chưa báo cáo", default=0)
    average_percent = models.DecimalField("% bình quân", max_digits=7, decimal_places=1, null=True, blank=True)
    sort_percent = models.DecimalField(max_digits=7, decimal_places=1, default=NO_PERCENT)
    last_period = models.PositiveIntegerField(null=True, blank=True)  # the latest period a counted report covers
    status = models.CharField("trạng thái", max_length=16)
    refreshed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "tiến độ của đơn vị"
        verbose_name_plural = "tiến độ của đơn vị"
        constraints = [models.UniqueConstraint(fields=["campaign", "unit"], name="uniq_unit_progress")]
        indexes = [
            *(models.Index(fields=["campaign", *order], name=f"unit_progress_{key.replace('-', 'd_')}") for key, order in LINE_ORDER.items()),
            models.Index(fields=["campaign", "approved", "last_period"], name="unit_progress_overdue"),
        ]

    def __str__(self):
        return f"{self.unit_name} – {self.campaign_id}: {self.status}"


class TargetProgress(models.Model):
    """One target of a registration in force: the unit's latest counted value of its indicator (whichever
    revision of the registration it was reported under), its status and its % of the target."""

    target = models.OneToOneField(Target, primary_key=True, on_delete=models.CASCADE, related_name="progress")
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    target_value = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)  # the target's, for sums
    value = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    done = models.BooleanField(null=True)
    period_key = models.PositiveIntegerField(null=True, blank=True)
    same_period = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    status = models.CharField(max_length=16)
    percent = models.DecimalField(max_digits=24, decimal_places=1, null=True, blank=True)
    growth = models.DecimalField(max_digits=24, decimal_places=1, null=True, blank=True)

    class Meta:
        verbose_name = "tiến độ của chỉ tiêu"
        verbose_name_plural = "tiến độ của chỉ tiêu"
        indexes = [
            models.Index(fields=["campaign", "indicator", "status"], name="target_progress_indicator"),
            models.Index(fields=["campaign", "unit", "indicator"], name="target_progress_unit"),
        ]

    def __str__(self):
        return f"{self.target_id}: {self.status}"


class PeriodProgress(models.Model):
    """The sum and number of a unit's counted % of target in one period (for the average over periods)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    period_key = models.PositiveIntegerField()
    percent_sum = models.DecimalField(max_digits=16, decimal_places=1)
    values = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["campaign", "unit", "period_key"], name="uniq_period_progress")]

    def __str__(self):
        return f"{self.unit_id} – {self.period_key}"
