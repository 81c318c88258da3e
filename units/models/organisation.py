"""The organisation tree: units, their kinds, unambiguous names and paths."""

from django.db import models
from django.urls import reverse

PATH_STEP = 6  # characters per level in Unit.path ("000042.000107.")
LABEL_SEPARATOR = " – "


def compose_label(name: str, parent: "Unit | None") -> str:
    """The name that tells a unit apart wherever it is listed or chosen.

    A unit two levels down or deeper carries its parent's label when its own name does not already
    name the parent's place: "Văn phòng Sở – Sở Công Thương tỉnh Vĩnh Long" (every Sở has a Văn phòng
    Sở), "Phòng Tổng hợp – Cục Điện lực"; "Chi cục Quản lý thị trường tỉnh Vĩnh Long" and the units
    directly under a top-level body (the Ministry's Vụ and Cục, a province's Sở) keep their own names.
    """
    from common.text import fold

    if parent is None or parent.parent_id is None:
        return name
    if parent.place_name and fold(parent.place_name) in fold(name):
        return name
    return f"{name}{LABEL_SEPARATOR}{parent.label or parent.name}"


class UnitKind(models.TextChoices):
    MINISTRY = "ministry", "Bộ"
    DEPARTMENT = "department", "Vụ"
    AGENCY = "agency", "Cục"
    OFFICE = "office", "Văn phòng"
    INSPECTORATE = "inspectorate", "Thanh tra"
    COMMITTEE = "committee", "Ủy ban"
    SUB_AGENCY = "sub_agency", "Chi cục"
    PROVINCE = "province", "UBND tỉnh/thành phố"
    PROVINCIAL_DEPARTMENT = "provincial_department", "Sở"
    DIVISION = "division", "Phòng"
    ENTERPRISE = "enterprise", "Doanh nghiệp"
    TRADE_UNION = "trade_union", "Công đoàn"
    PUBLIC_SERVICE = "public_service", "Đơn vị sự nghiệp"
    GOVERNMENT = "government", "Chính phủ, Thủ tướng Chính phủ"
    PARTY_COMMITTEE = "party_committee", "Tỉnh ủy, Thành ủy"
    OTHER = "other", "Cơ quan, tổ chức khác"


# The administrative levels a place is named with (Luật Tổ chức chính quyền địa phương 2025).
PLACE_LEVELS = ("thành phố", "tỉnh", "đặc khu", "phường", "xã")


def heading_under(name: str, governing: str) -> str:
    """``name`` without the place at its end when ``governing`` ends with the same place ("… tỉnh Vĩnh Long")."""
    lowered = governing.casefold()
    starts = [lowered.rfind(f" {level} ") for level in PLACE_LEVELS]
    start = max(starts)
    if start < 0:
        return name
    place = lowered[start:]
    if name.casefold().endswith(place) and len(name) > len(place) + 1:
        return name[: len(name) - len(place)].strip()
    return name


class UnitQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def visible_to(self, user):
        """Units the user may see (see ``units.scoping``); bodies outside the sector are public."""
        from ..scoping import unit_scope_filter

        if not user.is_authenticated:
            return self.none()
        scoped = unit_scope_filter(user, field="pk")
        if not scoped:  # the whole sector (an empty Q ORed with another would narrow it)
            return self.all()
        return self.filter(scoped | models.Q(is_external=True))

    def external(self):
        return self.filter(is_external=True)

    def subtree_of(self, unit: "Unit"):
        return self.filter(path__startswith=unit.path)


class Unit(models.Model):
    """A node of the organisation tree: Bộ, Vụ, Cục, Sở, phòng, doanh nghiệp, công đoàn…"""

    code = models.SlugField("mã", max_length=80, unique=True)
    name = models.CharField("tên đơn vị", max_length=255)
    short_name = models.CharField(
        "chữ viết tắt", max_length=30, blank=True, help_text="Dùng trong ký hiệu văn bản, ví dụ BCT, SCT, CĐCT."
    )
    kind = models.CharField("loại đơn vị", max_length=32, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name="đơn vị cấp trên", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    heading_name = models.CharField(
        "tên in trên văn bản",
        max_length=255,
        blank=True,
        help_text="Tên cơ quan ban hành in trên văn bản, ví dụ Sở Công Thương. Để trống thì dùng tên đơn vị.",
    )
    governing_body_name = models.CharField(
        "cơ quan chủ quản",
        max_length=255,
        blank=True,
        help_text="In phía trên tên cơ quan ban hành. Để trống thì dùng đơn vị cấp trên.",
    )
    place_name = models.CharField("địa danh", max_length=80, blank=True, help_text="Dùng trong dòng ngày tháng, ví dụ Hà Nội.")
    predecessors = models.ManyToManyField(
        "self",
        verbose_name="đơn vị tiền thân",
        symmetrical=False,
        blank=True,
        related_name="successors",
    )
    is_active = models.BooleanField("đang hoạt động", default=True)
    is_external = models.BooleanField(
        "cơ quan ngoài ngành", default=False, help_text="Chính phủ, Thủ tướng, Bộ Nội vụ, UBND và Tỉnh ủy…: ban hành văn bản, quyết định khen thưởng; không có tài khoản."
    )
    sort_order = models.PositiveIntegerField("thứ tự", default=0)
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    depth = models.PositiveSmallIntegerField(editable=False, default=0)
    # Kept by save(), like path and depth: the unambiguous name (``compose_label``) and the folded words
    # a search matches, so lists, select boxes and exports name a unit without reading its parent.
    label = models.CharField("tên đầy đủ", max_length=520, editable=False, default="")
    search_key = models.CharField(max_length=700, editable=False, default="")

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        ordering = ["path"]

    def __str__(self):
        return self.label or self.name

    def save(self, *args, **kwargs):
        from common.text import fold

        self.label = compose_label(self.name, self.parent if self.parent_id else None)
        self.search_key = fold(" ".join((self.label, self.short_name, self.place_name, self.code)))
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "label", "search_key"}
        # The materialised path keeps subtree queries to one indexed prefix match.
        old_path = self.path
        super().save(*args, **kwargs)
        new_path = (self.parent.path if self.parent_id else "") + f"{self.pk:0{PATH_STEP}d}."
        if new_path != old_path:
            depth = new_path.count(".") - 1
            Unit.objects.filter(pk=self.pk).update(path=new_path, depth=depth)
            self.path, self.depth = new_path, depth
        if old_path:
            # Each child recomputes its path and label from this one, and so on down the tree.
            for child in Unit.objects.filter(parent=self):
                if child.path != f"{new_path}{child.pk:0{PATH_STEP}d}." or child.label != compose_label(child.name, self):
                    child.parent = self
                    child.save(update_fields=["path", "depth"])

    def get_absolute_url(self):
        return reverse("units:unit-detail", args=[self.pk])

    @property
    def governing_body(self) -> str:
        """The cơ quan chủ quản printed above the issuer on official documents (ND 30/2020, Phụ lục I)."""
        if self.governing_body_name:
            return self.governing_body_name
        return self.parent.name if self.parent_id else ""

    @property
    def heading(self) -> str:
        """The issuer's name as printed on official documents, under its governing body.

        Without a ``heading_name``, the place its governing body already names is not repeated (ND 30/2020,
        Phụ lục I, ô 2): "ỦY BAN NHÂN DÂN TỈNH VĨNH LONG" over "SỞ CÔNG THƯƠNG", "SỞ CÔNG THƯƠNG TỈNH
        VĨNH LONG" over "CHI CỤC QUẢN LÝ THỊ TRƯỜNG".
        """
        return self.heading_name or heading_under(self.name, self.governing_body)

    def ancestors(self):
        ids = [int(part) for part in self.path.split(".") if part][:-1]
        return Unit.objects.filter(pk__in=ids).order_by("depth")

    def predecessor_closure_ids(self) -> set[int]:
        """Ids of this unit's predecessors, their predecessors, and so on (the 2025 mergers)."""
        seen: set[int] = set()
        frontier = {self.pk}
        while frontier:
            found = set(
                Unit.predecessors.through.objects.filter(from_unit_id__in=frontier).values_list("to_unit_id", flat=True)
            )
            frontier = found - seen
            seen |= found
        return seen
