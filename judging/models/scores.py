from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from judging.models.rubrics import Criterion, Round


class Assignment(models.Model):
    """A judge asked to read one achievement's materials (material round only)."""

    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments"
    )
    achievement = models.ForeignKey(
        "submissions.QcAchievement", on_delete=models.CASCADE, related_name="assignments"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(fields=["judge", "achievement"], name="one_assignment_per_pair")
        ]

    def __str__(self):
        return f"{self.judge} → {self.achievement}"


class SheetStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class ScoreSheet(models.Model):
    """One judge's scores of one achievement in one round. Changed only through judging.services."""

    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="score_sheets"
    )
    achievement = models.ForeignKey(
        "submissions.QcAchievement", on_delete=models.CASCADE, related_name="score_sheets"
    )
    round = models.CharField(_("round"), max_length=20, choices=Round.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=SheetStatus.choices, default=SheetStatus.DRAFT
    )
    comment = models.TextField(_("comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True)
    updated_at = models.DateTimeField(auto_now=True)
    #: The reason the chief judge gave when reopening it last.
    reopen_reason = models.TextField(_("reason for reopening"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["achievement", "judge"]
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")
        constraints = [
            models.UniqueConstraint(
                fields=["judge", "achievement", "round"], name="one_sheet_per_judge_entry_round"
            )
        ]

    def __str__(self):
        return f"{self.judge} · {self.achievement} · {self.get_round_display()}"

    @property
    def total(self) -> Decimal:
        """Sum of the criteria scored so far (prefetch ``scores`` when listing many sheets)."""
        return sum((score.points for score in self.scores.all()), Decimal(0))


class Score(models.Model):
    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    points = models.DecimalField(
        _("points"), max_digits=4, decimal_places=1, validators=[MinValueValidator(0)]
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["criterion__order"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="one_score_per_criterion")
        ]

    def __str__(self):
        return f"{self.criterion.name}: {self.points}"

    def clean(self):
        check_points(self.points, self.criterion)


def check_points(points, criterion) -> None:
    """Whole or half points between 0 and the criterion's maximum."""
    if points is None:
        return
    if points < 0 or points > criterion.max_points:
        raise ValidationError(
            _("%(name)s takes 0 to %(max)s points.")
            % {"name": criterion.name, "max": criterion.max_points}
        )
    if (points * 2) % 1:
        raise ValidationError(_("Scores are whole or half points."))


class ShortlistEntry(models.Model):
    """An achievement that presents on the day (chosen after the material round)."""

    achievement = models.OneToOneField(
        "submissions.QcAchievement", on_delete=models.CASCADE, related_name="shortlisting"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("shortlisted achievement")
        verbose_name_plural = _("shortlist")

    def __str__(self):
        return str(self.achievement)


class Tier(models.TextChoices):
    FIRST = "first", _("一等奖")
    SECOND = "second", _("二等奖")
    THIRD = "third", _("三等奖")
    EXCELLENCE = "excellence", _("优秀奖")
    NONE = "", _("no award")


class TierOverride(models.Model):
    """Staff's decision to give an achievement another tier than the rules give it, with why."""

    achievement = models.OneToOneField(
        "submissions.QcAchievement", on_delete=models.CASCADE, related_name="tier_override"
    )
    tier = models.CharField(_("award tier"), max_length=12, choices=Tier.choices, blank=True)
    reason = models.TextField(_("reason"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tier override")
        verbose_name_plural = _("tier overrides")

    def __str__(self):
        return f"{self.achievement}: {self.get_tier_display()}"
