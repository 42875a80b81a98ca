"""Renderers shared by every document: HTML for the browser, PDF through WeasyPrint, DOCX."""

import io
from functools import cache
from pathlib import Path

from django.template.loader import render_to_string
from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ALIGN_VERTICAL, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from reports.sheets import Grid, LongText, MemberTable

PRINT_CSS = Path(__file__).parent / "static" / "reports" / "print.css"
#: Word and WPS on the units' office PCs have 宋体; LibreOffice maps it to a CJK serif.
WORD_CJK_FONT = "宋体"
WORD_LATIN_FONT = "Times New Roman"
A4 = (Mm(210), Mm(297))
MARGINS = {"top": Mm(37), "right": Mm(26), "bottom": Mm(35), "left": Mm(28)}


@cache
def print_css() -> str:
    return PRINT_CSS.read_text(encoding="utf-8")


def render_html(template: str, context: dict) -> str:
    return render_to_string(template, {**context, "print_css": print_css()})


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported late: it loads Pango, which pages never need

    return HTML(string=html).write_pdf()


# --- Word --------------------------------------------------------------------------------


def _font(run, size=None, bold=False):
    run.font.name = WORD_LATIN_FONT
    run.font.bold = bold
    if size:
        run.font.size = Pt(size)
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), WORD_CJK_FONT)


def add_paragraph(container, text="", size=10.5, bold=False, align=None, space_after=0):
    paragraph = container.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(space_after)
    if text:
        _font(paragraph.add_run(text), size, bold)
    return paragraph


def _page_number_footer(section):
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(paragraph.add_run("— "), 10.5)
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._element.append(element)
    _font(paragraph.add_run(" —"), 10.5)


def new_word_document(landscape=False):
    document = WordDocument()
    section = document.sections[0]
    width, height = A4
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = height, width
    section.page_width, section.page_height = width, height
    for side, value in MARGINS.items():
        setattr(section, f"{side}_margin", value)
    style = document.styles["Normal"]
    style.font.name = WORD_LATIN_FONT
    style.font.size = Pt(10.5)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), WORD_CJK_FONT)
    _page_number_footer(section)
    return document


def _usable_width(document):
    section = document.sections[0]
    return section.page_width - section.left_margin - section.right_margin


def _table(document, widths):
    """An empty grid table with fixed column widths; rows are added with ``_add_row``.

    Rows are appended one by one and their cells taken from the row itself: python-docx's
    ``Table.cell()`` rebuilds the whole grid on every call, which made long tables quadratic.
    """
    table = document.add_table(rows=0, cols=len(widths))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    total = sum(widths)
    usable = _usable_width(document)
    table._column_widths = [int(usable * width / total) for width in widths]
    for column, width in zip(table.columns, table._column_widths, strict=True):
        column.width = width
    return table


def _add_row(table):
    row = table.add_row()
    # As on the paper: rows tall enough to write in by hand, text centred in its height.
    row.height = Mm(8)
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    cells = row.cells
    for cell, width in zip(cells, table._column_widths, strict=True):
        cell.width = width
        cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
    return row, cells


def _write(cell, text, bold=False, align=WD_ALIGN_PARAGRAPH.LEFT):
    lines = str(text).split("\n") if text else [""]
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    _font(paragraph.add_run(lines[0]), 10.5, bold)
    for line in lines[1:]:
        extra = cell.add_paragraph()
        extra.alignment = align
        _font(extra.add_run(line), 10.5, bold)


def _grid(document, block: Grid):
    table = _table(document, block.widths)
    for row in block.rows:
        _row, cells = _add_row(table)
        column = 0
        for cell in row:
            target = cells[column]
            if cell.span > 1:
                target = target.merge(cells[column + cell.span - 1])
            align = WD_ALIGN_PARAGRAPH.CENTER if cell.label else WD_ALIGN_PARAGRAPH.LEFT
            _write(target, cell.text, align=align)
            column += cell.span


def _repeat_as_header(row):
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def add_member_table(document, block: MemberTable):
    table = _table(document, block.widths)
    header, cells = _add_row(table)
    _repeat_as_header(header)
    for cell, label in zip(cells, block.header, strict=True):
        _write(cell, label, align=WD_ALIGN_PARAGRAPH.CENTER)
    for values in block.rows:
        _row, cells = _add_row(table)
        for cell, value in zip(cells, values, strict=True):
            _write(cell, value, align=WD_ALIGN_PARAGRAPH.CENTER)


def _long_text(document, block: LongText):
    table = _table(document, [1])
    _row, (cell,) = _add_row(table)
    _write(cell, block.label)
    paragraphs = [line for line in block.text.split("\n") if line.strip()]
    for line in paragraphs:
        paragraph = cell.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Pt(21)
        _font(paragraph.add_run(line), 10.5)
    for _ in range(max(block.min_lines - len(paragraphs), 0)):
        cell.add_paragraph()
    if block.seal:
        for text in ("（公章）", "年　　月　　日"):
            paragraph = cell.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _font(paragraph.add_run(text), 10.5)


def add_sheet(document, sheet, first=True):
    if not first:
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    add_paragraph(document, sheet.attachment + "：", size=12)
    add_paragraph(
        document, sheet.title, size=16, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=4
    )
    if sheet.subtitle:
        add_paragraph(document, sheet.subtitle, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=4)
    header = add_paragraph(document, space_after=3)
    header.paragraph_format.tab_stops.add_tab_stop(_usable_width(document), alignment=2)
    _font(header.add_run(f"{sheet.header_left}\t{sheet.header_right}"), 10.5)
    for block in sheet.blocks:
        if isinstance(block, Grid):
            _grid(document, block)
        elif isinstance(block, MemberTable):
            add_member_table(document, block)
        elif isinstance(block, LongText):
            _long_text(document, block)
    for note in sheet.notes:
        add_paragraph(document, note, size=9.5)


def sheets_to_docx(sheets) -> bytes:
    document = new_word_document()
    # python-docx starts with one empty paragraph; the first sheet's lines follow it.
    for index, sheet in enumerate(sheets):
        add_sheet(document, sheet, first=index == 0)
    return save_docx(document)


def save_docx(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def warm_up() -> None:
    """Load WeasyPrint and the CJK faces once, so a worker's first document is as fast as the rest.

    Importing WeasyPrint (Pango, HarfBuzz through cffi) costs about a second; gunicorn's
    post_worker_init calls this (website/gunicorn.py).
    """
    render_pdf(render_html("reports/warm_up.html", {}))
