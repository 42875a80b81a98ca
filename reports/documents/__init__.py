"""Importing this package registers every document."""

from reports.documents import day, forms, judging, summary, upward, workbooks  # noqa: F401
