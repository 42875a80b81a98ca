from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.permissions import UnitScopedQuerySet


class MemberUnitQuerySet(UnitScopedQuerySet):
    def active(self):
        return self.filter(is_active=True)

    def get_by_natural_key(self, short_name):
        return self.get(short_name=short_name)


class MemberUnit(models.Model):
    """A member of the association (山西联通, 山西移动, …) that submits entries."""

    unit_path = "pk"

    full_name = models.CharField(
        _("full legal name"),
        max_length=200,
        unique=True,
        help_text=_("Exactly as on the company seal."),
    )
    short_name = models.CharField(_("short name"), max_length=50, unique=True)
    is_active = models.BooleanField(_("active"), default=True)
    position = models.PositiveSmallIntegerField(
        pgettext_lazy("sort order", "position"),
        default=100,
        help_text=_("Units are listed in ascending order of this."),
    )

    objects = MemberUnitQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("member unit")
        verbose_name_plural = _("member units")

    def __str__(self):
        return self.short_name

    def natural_key(self):
        return (self.short_name,)
