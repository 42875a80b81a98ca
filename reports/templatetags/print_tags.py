"""Template filters of the printed documents."""

from django import template

from reports.sheets import running_text

register = template.Library()


@register.filter
def running(value):
    """A running header's text, cut to fit its margin box (``reports.sheets.running_text``)."""
    return running_text(value)
