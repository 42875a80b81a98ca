from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Every printable and exported document, one class each in one registry."""

    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from reports import documents  # noqa: F401  (registers every document)
        from reports.registry import documents_for_kind
        from submissions.printouts import provide

        provide(documents_for_kind)
