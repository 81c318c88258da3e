"""Incoming documents (văn bản đến, Nghị định 30/2020/NĐ-CP Art 20–22): what a unit received from another
body, registered with its số đến in the unit's register of incoming documents."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from units.models import Unit

INCOMING_TYPES = [
    "Nghị quyết", "Chỉ thị", "Kế hoạch", "Quyết định", "Công văn", "Thông báo", "Hướng dẫn", "Kết luận",
    "Nghị định", "Thông tư", "Chương trình", "Đề án",
]


class IncomingDocumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        from units.scoping import own_unit_scope_filter

        return self.filter(own_unit_scope_filter(user, field="receiving_unit_id"))


class IncomingDocument(models.Model):
    receiving_unit = models.ForeignKey(Unit, verbose_name="đơn vị nhận", on_delete=models.PROTECT, related_name="incoming_documents")
    issuer = models.ForeignKey(Unit, verbose_name="cơ quan ban hành", on_delete=models.PROTECT, related_name="documents_sent")
    type_name = models.CharField("tên loại văn bản", max_length=60)
    symbol = models.CharField("số, ký hiệu", max_length=60)
    issued_on = models.DateField("ngày ban hành")
    subject = models.CharField("trích yếu nội dung", max_length=500)
    implements = models.ForeignKey(
        "self", verbose_name="thực hiện văn bản", null=True, blank=True, on_delete=models.PROTECT, related_name="implemented_by"
    )
    year = models.PositiveSmallIntegerField("năm")
    incoming_number = models.PositiveIntegerField("số đến")
    received_on = models.DateField("ngày đến", null=True, blank=True)  # unknown for what is entered long after
    is_historical = models.BooleanField("nhập bổ sung", default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = IncomingDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = "văn bản đến"
        verbose_name_plural = "sổ đăng ký văn bản đến"
        ordering = ["-year", "-incoming_number"]
        constraints = [
            models.UniqueConstraint(fields=["receiving_unit", "year", "incoming_number"], name="uniq_incoming_number"),
            models.UniqueConstraint(fields=["receiving_unit", "issuer", "symbol", "issued_on"], name="uniq_incoming_document"),
        ]

    def __str__(self):
        return f"{self.type_name} số {self.symbol} ngày {self.issued_on:%d/%m/%Y} của {self.issuer.name}"

    def get_absolute_url(self):
        return reverse("documents:incoming-detail", args=[self.pk])

    def legal_basis(self) -> str:
        """The căn cứ line as the law words it: "Căn cứ Chỉ thị số 01-CT/TU ngày 17 tháng 10 năm 2020 của …;"."""
        from documents.numbering import vietnamese_date

        subject = self.subject.strip().rstrip(".;")
        lowered = subject[:1].lower() + subject[1:]
        if not lowered.startswith(("về ", "v/v")):
            lowered = f"về {lowered}"
        lowered = lowered.replace("v/v ", "về việc ", 1)
        return f"Căn cứ {self.type_name} số {self.symbol} {vietnamese_date(self.issued_on)} của {self.issuer.name} {lowered};"

    def chain(self) -> list["IncomingDocument"]:
        """This document and those it implements, the highest first (the Prime Minister's before the province's)."""
        chain, seen, current = [], set(), self
        while current is not None and current.pk not in seen:
            chain.append(current)
            seen.add(current.pk)
            current = current.implements
        return list(reversed(chain))
