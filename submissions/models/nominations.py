from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from submissions.models.base import DecimalField, Entry, Sex, phone_field, postcode_field
from submissions.validators import MaxCharsValidator

#: 附件1 三（二）: a promoter has done QC group work for five years or more.
PROMOTER_MIN_YEARS = Decimal("5")


class ExcellentEnterprise(Entry):
    """附件3 质量管理小组活动优秀企业报告单."""

    serial_code = "QY"
    quota_rule = _("附件1 二（四）: each member unit recommends at most %(limit)d enterprise.")

    name = models.CharField(_("enterprise name"), max_length=200)
    phone = phone_field()
    address = models.CharField(_("postal address"), max_length=200)
    postcode = postcode_field()
    experience = models.TextField(
        _("summary of experience and achievements"), validators=[MaxCharsValidator(700)]
    )
    recommendation_opinion = models.TextField(_("opinion of the recommending unit or department"))
    contact = models.CharField(
        _("contact person"),
        max_length=50,
        help_text=_("Printed in the recommendation summary (附件8)."),
    )

    class Meta(Entry.Meta):
        verbose_name = _("excellent enterprise")
        verbose_name_plural = _("excellent enterprises")

    def __str__(self):
        return self.name

    @classmethod
    def quota_limit(cls, campaign, member_unit):
        """附件1 二（四）: each member unit recommends at most one (a campaign setting)."""
        return campaign.enterprise_limit


class ExcellentPromoter(Entry):
    """附件4 质量管理小组活动优秀推进者报告单."""

    serial_code = "TJ"
    quota_rule = _("附件1 三（四）: each member unit recommends at most %(limit)d promoter.")

    name = models.CharField(_("name"), max_length=50)
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices)
    position = models.CharField(pgettext_lazy("job", "position"), max_length=50)
    unit_name = models.CharField(_("unit"), max_length=200)
    phone = phone_field()
    address = models.CharField(_("postal address"), max_length=200)
    postcode = postcode_field()
    qc_years = DecimalField(
        _("years in QC group work"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(60)],
    )
    deeds = models.TextField(_("main deeds and performance"), validators=[MaxCharsValidator(700)])
    own_unit_opinion = models.TextField(_("opinion of the own unit"))
    recommending_unit_opinion = models.TextField(_("opinion of the recommending unit"))
    contact = models.CharField(
        _("contact person"),
        max_length=50,
        help_text=_("Printed in the recommendation summary (附件8)."),
    )

    class Meta(Entry.Meta):
        verbose_name = _("excellent promoter")
        verbose_name_plural = _("excellent promoters")

    def __str__(self):
        return self.name

    @classmethod
    def quota_limit(cls, campaign, member_unit):
        """附件1 三（四）: each member unit recommends at most one (a campaign setting)."""
        return campaign.promoter_limit

    def clean(self):
        super().clean()
        if self.qc_years is not None and self.qc_years < PROMOTER_MIN_YEARS:
            raise ValidationError(
                {
                    "qc_years": _(
                        "附件1 三（二）: a promoter must have done QC group work for five years or more."
                    )
                }
            )
