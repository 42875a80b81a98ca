"""Workbooks whose cells never execute: every text is written as text, never as a formula."""

import io
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from reports.sheets import display_width


def safe_value(value):
    """Numbers and dates stay typed; text loses characters XML cannot hold."""
    if value is None or isinstance(value, bool | int | float | Decimal | date):
        if isinstance(value, datetime) and timezone.is_aware(value):
            return timezone.localtime(value).replace(tzinfo=None)
        return value
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def write_row(sheet, row_index, values, bold=False):
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row_index, column=column)
        cell.value = safe_value(value)
        if isinstance(cell.value, str):
            # "=HYPERLINK(...)", "+1", "-x", "@y" and the like stay plain text.
            cell.data_type = "s"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        elif isinstance(cell.value, Decimal) and cell.value.as_tuple().exponent < 0:
            # Shown as stored: 85.50 stays 85.50, never 85.5.
            cell.number_format = "0." + "0" * -cell.value.as_tuple().exponent
        elif isinstance(cell.value, date | datetime):
            cell.number_format = (
                "yyyy-mm-dd hh:mm" if isinstance(cell.value, datetime) else "yyyy-mm-dd"
            )
        if bold:
            cell.font = Font(bold=True)


def add_table_sheet(workbook, title, header, rows, freeze=True):
    """A sheet with a bold, frozen, filterable header and columns that fit their text."""
    sheet = workbook.create_sheet(title=title[:31])
    write_row(sheet, 1, header, bold=True)
    for index, row in enumerate(rows, start=2):
        write_row(sheet, index, row)
    widths = [display_width(label) for label in header]
    for row in rows:
        for column, value in enumerate(row):
            widths[column] = max(widths[column], min(display_width(value), 60))
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = max(width + 2, 6)
    if freeze:
        sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = sheet.dimensions
    return sheet


def new_workbook():
    workbook = Workbook()
    workbook.remove(workbook.active)
    return workbook


def save_workbook(workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
