"""Persons: members of units who hold titles and awards (not login accounts)."""

from django.db import models
from django.urls import reverse

from .organisation import Unit


class Gender(models.TextChoices):
    MALE = "male", "Nam"
    FEMALE = "female", "Nữ"


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user):
        from ..scoping import person_scope_filter

        return self.filter(person_scope_filter(user))


class Person(models.Model):
    """A member of a unit who may hold titles and awards. Not a login account."""

    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="persons")
    full_name = models.CharField("họ và tên", max_length=120)
    gender = models.CharField("giới tính", max_length=8, choices=Gender.choices)
    position = models.CharField("chức vụ", max_length=160, blank=True)
    date_of_birth = models.DateField("ngày sinh", null=True, blank=True)
    is_active = models.BooleanField("đang công tác", default=True)
    search_key = models.CharField(max_length=160, editable=False, default="")  # folded full name, kept by save()

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = "cá nhân"
        verbose_name_plural = "cá nhân"
        ordering = ["unit", "full_name"]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        from common.text import fold

        self.search_key = fold(self.full_name)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("units:person-detail", args=[self.pk])
