from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from judging.models.decisions import RoundSignOff
from judging.models.published import ResultsVersion
from judging.models.rubrics import Round

#: The judging settings that enter the arithmetic of each round's figures; a standing sign-off
#: of the round freezes them (JudgingSettings.clean).
ROUND_SETTINGS = {
    Round.MATERIAL: ["trim_count", "trim_minimum"],
    Round.PRESENTATION: [
        "trim_count",
        "trim_minimum",
        "material_weight",
        "ranking_scope",
        "tier_method",
        "first_share",
        "second_share",
        "third_share",
        "first_threshold",
        "second_threshold",
        "third_threshold",
    ],
}


class RankingScope(models.TextChoices):
    PER_TYPE = "per_type", _("per topic type")
    OVERALL = "overall", _("over all achievements")


class TierMethod(models.TextChoices):
    SHARE = "share", _("share of presenters")
    THRESHOLD = "threshold", _("score thresholds")


def _zero_to_hundred(label, default):
    """A share in per cent or a score threshold: both lie between 0 and 100."""
    return models.DecimalField(
        label,
        max_digits=5,
        decimal_places=2,
        default=Decimal(default),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )


class JudgingSettings(models.Model):
    """How a campaign turns scores into results: the spec's defaults, edited by staff."""

    campaign = models.OneToOneField(
        "portal.Campaign", on_delete=models.CASCADE, related_name="judging_settings"
    )
    judges_per_entry = models.PositiveSmallIntegerField(
        _("judges per achievement in the material review"), default=3
    )
    trim_count = models.PositiveSmallIntegerField(
        _("highest and lowest scores dropped (each)"), default=1
    )
    trim_minimum = models.PositiveSmallIntegerField(
        _("scores needed before any is dropped"), default=5
    )
    material_weight = models.DecimalField(
        _("weight of the material score"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.30"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    ranking_scope = models.CharField(
        _("ranking"), max_length=10, choices=RankingScope.choices, default=RankingScope.PER_TYPE
    )
    tier_method = models.CharField(
        _("award tiers by"), max_length=10, choices=TierMethod.choices, default=TierMethod.SHARE
    )
    first_share = _zero_to_hundred(_("一等奖 share %"), "15")
    second_share = _zero_to_hundred(_("二等奖 share %"), "35")
    third_share = _zero_to_hundred(_("三等奖 share %"), "50")
    first_threshold = _zero_to_hundred(_("一等奖 from score"), "90")
    second_threshold = _zero_to_hundred(_("二等奖 from score"), "80")
    third_threshold = _zero_to_hundred(_("三等奖 from score"), "70")
    presentation_minutes = models.PositiveSmallIntegerField(_("minutes to present"), default=15)
    questions_minutes = models.PositiveSmallIntegerField(_("minutes of questions"), default=5)
    attendance_deadline = models.DateTimeField(
        _("attendance registration closes"), null=True, blank=True
    )
    consistency_distance = models.DecimalField(
        _("flag a score this far from the entry's median"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("15"),
    )

    class Meta:
        verbose_name = _("judging settings")
        verbose_name_plural = _("judging settings")

    def __str__(self):
        return str(self.campaign)

    def clean(self):
        """Settings that enter a signed-off round's figures are frozen until the chief judge
        reopens the sign-off: the page, the admin and every command pass through here."""
        super().clean()
        if self.pk is None:
            return
        stored = type(self).objects.get(pk=self.pk)
        errors = {}
        if ResultsVersion.objects.live(self.campaign_id) is not None:
            for name in ROUND_SETTINGS[Round.PRESENTATION]:
                if getattr(stored, name) != getattr(self, name):
                    errors[name] = _(
                        "The results are published with this setting; withdraw them, and have "
                        "the chief judge reopen the sign-off, before it can change."
                    )
        signed = RoundSignOff.objects.active().filter(campaign=self.campaign_id)
        for sign_off in signed.order_by("round"):
            for name in ROUND_SETTINGS[sign_off.round]:
                if getattr(stored, name) != getattr(self, name) and name not in errors:
                    errors[name] = _(
                        "The %(round)s round is signed off and its figures use this setting; "
                        "the chief judge reopens the sign-off, with a reason, before it can "
                        "change."
                    ) % {"round": sign_off.get_round_display()}
        if errors:
            raise ValidationError(errors)

    @property
    def attendance_closes_at(self):
        """Units register attendees until the deadline staff set; none set: until the day."""
        return self.attendance_deadline or self.campaign.presentation_at

    @classmethod
    def of(cls, campaign) -> "JudgingSettings":
        settings, _created = cls.objects.get_or_create(campaign=campaign)
        return settings
