"""Importing this package registers every document."""

from reports.documents import forms, judging, summary, workbooks  # noqa: F401
