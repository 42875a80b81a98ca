from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubmissionsConfig(AppConfig):
    """The official forms (附件2–8) that member units fill, under quotas and the deadline."""

    name = "submissions"
    verbose_name = _("Submissions")
