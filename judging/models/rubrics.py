from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from submissions.models import TopicType


class Round(models.TextChoices):
    MATERIAL = "material", _("Material review")
    PRESENTATION = "presentation", _("Presentation")


class RubricQuerySet(models.QuerySet):
    def get_by_natural_key(self, year, round_, topic_type):
        return self.get(campaign__year=year, round=round_, topic_type=topic_type)

    def for_entry(self, achievement, round_):
        return self.get(
            campaign=achievement.campaign_id, round=round_, topic_type=achievement.topic_type
        )


class Rubric(models.Model):
    """The criteria one round of one topic type is scored on; frozen once a score uses it."""

    campaign = models.ForeignKey(
        "portal.Campaign", on_delete=models.CASCADE, related_name="rubrics"
    )
    round = models.CharField(_("round"), max_length=20, choices=Round.choices)
    topic_type = models.CharField(_("topic type"), max_length=20, choices=TopicType.choices)

    objects = RubricQuerySet.as_manager()

    class Meta:
        ordering = ["campaign", "round", "topic_type"]
        verbose_name = _("rubric")
        verbose_name_plural = _("rubrics")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "round", "topic_type"], name="one_rubric_per_round_and_type"
            )
        ]

    def __str__(self):
        return f"{self.get_round_display()} · {self.get_topic_type_display()}"

    def natural_key(self):
        return (*self.campaign.natural_key(), self.round, self.topic_type)

    natural_key.dependencies = ["portal.campaign"]

    @property
    def is_frozen(self) -> bool:
        return self.criteria.filter(scores__isnull=False).exists()

    @property
    def max_total(self):
        return sum(criterion.max_points for criterion in self.criteria.all())

    def ensure_editable(self) -> None:
        if self.is_frozen:
            raise ValidationError(_("Scores already use this rubric; it can no longer be changed."))


class CriterionQuerySet(models.QuerySet):
    def get_by_natural_key(self, year, round_, topic_type, order):
        return self.get(
            rubric__campaign__year=year,
            rubric__round=round_,
            rubric__topic_type=topic_type,
            order=order,
        )


class Criterion(models.Model):
    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("criterion"), max_length=100)
    guidance = models.TextField(_("what judges look for"), blank=True)
    max_points = models.DecimalField(
        _("maximum points"), max_digits=4, decimal_places=1, validators=[MinValueValidator(0.5)]
    )

    objects = CriterionQuerySet.as_manager()

    class Meta:
        ordering = ["rubric", "order", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self):
        return f"{self.name} ({self.max_points})"

    def save(self, *args, **kwargs):
        self.rubric.ensure_editable()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self.rubric.ensure_editable()
        return super().delete(*args, **kwargs)

    def natural_key(self):
        return (*self.rubric.natural_key(), self.order)

    natural_key.dependencies = ["judging.rubric"]
