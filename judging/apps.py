from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JudgingConfig(AppConfig):
    """Preliminary review, judges, rubrics, scores, ranking and awards."""

    name = "judging"
    verbose_name = _("Judging")
