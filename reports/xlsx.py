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


#: Column widths (Excel's character units) that fit across A4 portrait at the default margins;
#: a wider table is printed landscape. Either way it is shrunk to the page's width.
PORTRAIT_WIDTH = 90


def add_table_sheet(workbook, title, header, rows, freeze=True, *, above=()):
    """A sheet with a bold, frozen, filterable header and columns that fit their text.

    ``above``: rows written before the table (a form's title and header lines), left for the
    caller to style. Every sheet prints on A4, as wide as the page and as many pages long as it
    takes, with the header row repeated on each.
    """
    sheet = workbook.create_sheet(title=title[:31])
    for index, line in enumerate(above, start=1):
        write_row(sheet, index, line)
    top = len(above) + 1
    write_row(sheet, top, header, bold=True)
    for index, row in enumerate(rows, start=top + 1):
        write_row(sheet, index, row)
    widths = [display_width(label) for label in header]
    for row in rows:
        for column, value in enumerate(row):
            widths[column] = max(widths[column], min(display_width(value), 60))
    widths = [max(width + 2, 6) for width in widths]
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    if freeze:
        sheet.freeze_panes = sheet.cell(row=top + 1, column=1).coordinate
    if rows:
        last = f"{get_column_letter(len(header))}{top + len(rows)}"
        sheet.auto_filter.ref = f"A{top}:{last}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = (
        sheet.ORIENTATION_LANDSCAPE if sum(widths) > PORTRAIT_WIDTH else sheet.ORIENTATION_PORTRAIT
    )
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.print_title_rows = f"{top}:{top}"
    return sheet


def new_workbook():
    workbook = Workbook()
    workbook.remove(workbook.active)
    return workbook


def save_workbook(workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
