"""Clusters and blocks (cụm, khối thi đua) and their members per year."""

from django.db import models
from django.db.models import Q
from django.urls import reverse

from .organisation import Unit


class ClusterKind(models.TextChoices):
    CLUSTER = "cluster", "Cụm thi đua"
    BLOCK = "block", "Khối thi đua"


class ClusterQuerySet(models.QuerySet):
    def visible_to(self, user):
        from ..scoping import cluster_scope_filter

        return self.filter(cluster_scope_filter(user))


class Cluster(models.Model):
    """A cụm or khối thi đua: units grouped across the tree, with a lead and deputy per year."""

    code = models.SlugField("mã", max_length=80, unique=True)
    name = models.CharField("tên cụm/khối", max_length=255)
    kind = models.CharField("loại", max_length=16, choices=ClusterKind.choices, default=ClusterKind.CLUSTER)
    organiser = models.ForeignKey(
        Unit, verbose_name="đơn vị tổ chức", on_delete=models.PROTECT, related_name="organised_clusters"
    )
    description = models.TextField("mô tả", blank=True)
    is_active = models.BooleanField("đang hoạt động", default=True)

    objects = ClusterQuerySet.as_manager()

    class Meta:
        verbose_name = "cụm, khối thi đua"
        verbose_name_plural = "cụm, khối thi đua"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("units:cluster-detail", args=[self.pk])

    @property
    def lead_title(self) -> str:
        return "Khối trưởng" if self.kind == ClusterKind.BLOCK else "Cụm trưởng"

    @property
    def deputy_title(self) -> str:
        return "Khối phó" if self.kind == ClusterKind.BLOCK else "Cụm phó"


class ClusterRole(models.TextChoices):
    LEAD = "lead", "Cụm trưởng"
    DEPUTY = "deputy", "Cụm phó"
    MEMBER = "member", "Thành viên"


class ClusterMembership(models.Model):
    cluster = models.ForeignKey(Cluster, verbose_name="cụm/khối", on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="cluster_memberships")
    year = models.PositiveSmallIntegerField("năm")
    role = models.CharField("vai trò", max_length=16, choices=ClusterRole.choices, default=ClusterRole.MEMBER)

    class Meta:
        verbose_name = "thành viên cụm/khối"
        verbose_name_plural = "thành viên cụm/khối"
        ordering = ["cluster", "-year", "role", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "unit", "year"], name="uniq_cluster_unit_year"),
            models.UniqueConstraint(
                fields=["cluster", "year"], condition=Q(role="lead"), name="uniq_cluster_lead_per_year"
            ),
        ]

    def __str__(self):
        return f"{self.unit} – {self.cluster} ({self.year})"

    @property
    def role_title(self) -> str:
        """The role as a cụm or a khối words it (Khối trưởng in a block)."""
        if self.role == ClusterRole.LEAD:
            return self.cluster.lead_title
        if self.role == ClusterRole.DEPUTY:
            return self.cluster.deputy_title
        return self.get_role_display()
