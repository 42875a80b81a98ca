from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from submissions.models.base import DecimalField, Entry, phone_field, postcode_field
from submissions.validators import MaxCharsValidator, non_negative


def _count(label):
    return models.PositiveIntegerField(label)


def _money(label):
    """An amount in 万元: never negative."""
    return DecimalField(label, max_digits=12, decimal_places=2, validators=[non_negative])


def rate(part: int | None, whole: int | None) -> Decimal | None:
    """part / whole × 100, two decimals rounded half up; None when it is not defined."""
    if not whole or part is None:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), ROUND_HALF_UP)


class ActivityStatistics(Entry):
    """附件7 活动统计表: one per member unit and campaign, for the campaign's statistics period."""

    serial_code = "TJB"
    derived_fields = (
        ("popularity_rate", _("popularity rate (%)")),
        ("result_rate", _("result rate (%)")),
    )

    presentation_meetings = _count(_("QC achievement presentation meetings held this year"))
    training_sessions = _count(_("training or exchange sessions organised this year"))
    training_participants = _count(_("participants of those sessions"))
    registered_groups_total = DecimalField(
        _("QC groups registered over the years (10,000)"),
        max_digits=10,
        decimal_places=4,
        validators=[non_negative],
    )
    registered_groups = _count(_("QC groups registered this year"))
    participants = _count(_("people taking part in QC groups"))
    employees = _count(_("total employees"))
    active_groups = _count(_("QC groups active all year"))
    economic_value = _money(_("computable economic value created (10,000 yuan)"))
    groups_with_results = _count(_("groups with results"))
    funding = _money(_("company funding of QC group activity (10,000 yuan)"))
    rewards = _money(_("company rewards for QC group activity (10,000 yuan)"))
    suggestions = _count(_("rationalisation proposals made by QC group members"))
    diagnosticians_provincial = _count(_("provincial QC diagnosticians"))
    diagnosticians_national = _count(_("national QC diagnosticians"))
    teams_recommended = _count(_("trusted teams recommended this year"))
    teams_recommended_total = _count(_("trusted teams recommended over the years"))
    team_funding = _money(_("spending on trusted-team activity this year (10,000 yuan)"))
    team_rewards = _money(_("rewards for trusted teams (10,000 yuan)"))

    review_by_presentation = models.BooleanField(_("review by presentation"), default=False)
    review_on_site = models.BooleanField(_("review on site"), default=False)
    review_with_qc_groups = models.BooleanField(_("held together with QC groups"), default=False)
    review_by_unit = models.BooleanField(_("held by the unit"), default=False)

    qc_summary = models.TextField(
        _("summary of QC group work"), validators=[MaxCharsValidator(3000)]
    )
    team_summary = models.TextField(
        _("summary of trusted-team building"), validators=[MaxCharsValidator(2000)]
    )

    responsible_department = models.CharField(
        _("department responsible for QC groups and trusted teams"), max_length=100
    )
    head = models.CharField(_("head"), max_length=50)
    phone = phone_field(_("contact phone"))
    address = models.CharField(_("mailing address"), max_length=200)
    postcode = postcode_field(_("postal code"))
    email = models.CharField(_("e-mail"), max_length=254, validators=[EmailValidator()])

    class Meta(Entry.Meta):
        verbose_name = _("activity statistics")
        verbose_name_plural = _("activity statistics")
        constraints = [
            *Entry.Meta.constraints,
            models.UniqueConstraint(
                fields=["campaign", "member_unit"],
                name="one_statistics_per_unit_and_campaign",
                violation_error_message=_(
                    "The unit already has a statistics table for this campaign; open that one."
                ),
            ),
        ]

    def __str__(self):
        return str(_("Statistics of %(unit)s") % {"unit": self.member_unit})

    @classmethod
    def quota_limit(cls, campaign, member_unit):
        return 1

    @property
    def popularity_rate(self) -> Decimal | None:
        """普及率 = 参加 QC 小组人数 / 职工总数 × 100%."""
        return rate(self.participants, self.employees)

    @property
    def result_rate(self) -> Decimal | None:
        """成果率 = 取得成果小组数 / QC 小组注册数 × 100%."""
        return rate(self.groups_with_results, self.registered_groups)

    def clean(self):
        super().clean()
        errors = {}
        if None not in (self.participants, self.employees) and self.participants > self.employees:
            errors["participants"] = _("More people take part than the company employs.")
        if (
            None not in (self.groups_with_results, self.registered_groups)
            and self.groups_with_results > self.registered_groups
        ):
            errors["groups_with_results"] = _(
                "More groups have results than are registered this year."
            )
        if errors:
            raise ValidationError(errors)
