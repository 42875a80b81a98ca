from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    """The site on top: settings, root URLs, the pages that join every app, deployment hooks and
    the demo data. Nothing below imports it."""

    name = "website"
    verbose_name = _("Website")
