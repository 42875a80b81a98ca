"""Importing this package registers every document."""

from reports.documents import day, forms, judging, summary, workbooks  # noqa: F401
