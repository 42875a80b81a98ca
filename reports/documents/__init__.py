"""Importing this package registers every document."""

from reports.documents import forms, summary, workbooks  # noqa: F401
