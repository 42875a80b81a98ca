"""Importing this package registers every document."""

from reports.documents import forms, summary  # noqa: F401
