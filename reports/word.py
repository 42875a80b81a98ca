"""Word (DOCX, WPS-compatible) documents: the paper forms drawn from a ``reports.sheets.Sheet``
with the same page rules as the PDF, and the helpers other documents build their Word copy with.
"""

import io
from datetime import UTC, datetime

from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_ALIGN_VERTICAL, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from reports.sheets import (
    Grid,
    Heading,
    LongText,
    MemberTable,
    display_width,
    running_text,
    wrap_pieces,
)

#: Word and WPS on the units' office PCs have 宋体; LibreOffice maps it to a CJK serif.
WORD_CJK_FONT = "宋体"
WORD_LATIN_FONT = "Times New Roman"
A4 = (Mm(210), Mm(297))
MARGINS = {"top": Mm(37), "right": Mm(26), "bottom": Mm(35), "left": Mm(28)}

#: Written on every Word copy, so that its properties name the association, not python-docx.
WORD_AUTHOR = "山西省通信行业协会"
#: A line of a long answer, as print.css draws it (10.5 pt × 1.6), so a box is as tall in Word.
LONG_TEXT_LINE = Pt(16.8)
#: The gap between a seal and the box's right border (print.css ``.seal``).
SEAL_INDENT = Mm(12)
#: What follows tcBorders in a cell's properties (CT_TcPr): Word refuses elements out of order.
_TC_PR_AFTER_BORDERS = (
    "w:shd",
    "w:noWrap",
    "w:tcMar",
    "w:textDirection",
    "w:tcFitText",
    "w:vAlign",
    "w:hideMark",
)


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


def _page_number_footer(footer):
    paragraph = footer.paragraphs[0]
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


def new_word_document(landscape=False, title=""):
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
    # The first-page footer is only used by sections that print their first page differently
    # (a sheet's running header); every page keeps its number either way.
    _page_number_footer(section.footer)
    _page_number_footer(section.first_page_footer)
    now = datetime.now(UTC).replace(microsecond=0)
    properties = document.core_properties
    properties.author = properties.last_modified_by = WORD_AUTHOR
    properties.title = title
    properties.created = properties.modified = now
    properties.revision = 1
    return document


def _usable_width(document):
    section = document.sections[0]
    return section.page_width - section.left_margin - section.right_margin


def header_line(document, container, left, right, size=10.5, paragraph=None):
    """``left`` and ``right`` (a unit and its 总编号) on one line, the right one flush right; on two
    lines when they do not fit one, so that 总编号 is never broken by a long unit name."""
    paragraph = paragraph or add_paragraph(container)
    usable = _usable_width(document)
    if display_width(left) + display_width(right) + 4 <= usable / Pt(size) * 2:
        paragraph.paragraph_format.tab_stops.add_tab_stop(usable, WD_TAB_ALIGNMENT.RIGHT)
        _font(paragraph.add_run(f"{left}\t{right}"), size)
        return paragraph
    _font(paragraph.add_run(left), size)
    paragraph.paragraph_format.keep_with_next = True
    second = add_paragraph(container, right, size=size, align=WD_ALIGN_PARAGRAPH.RIGHT)
    return second


def running_header(document, left, right):
    """``left`` and ``right`` (the unit and 总编号) at the top of every page of the current section
    but its first, which shows them above the table already; cut to fit (``running_text``)."""
    section = document.sections[-1]
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    header = section.header
    header.is_linked_to_previous = False
    header_line(
        document,
        header,
        running_text(left),
        running_text(right),
        size=10,
        paragraph=header.paragraphs[0],
    )


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


def _open_edges(row, top, bottom):
    """Leave out the line above and/or below ``row``, so that consecutive rows read as one box.

    Done per cell rather than per table: Word and LibreOffice join adjacent tables into one, and a
    table-wide setting would then remove the lines between the boxes too."""
    for cell in row.cells:
        properties = cell._tc.get_or_add_tcPr()
        borders = OxmlElement("w:tcBorders")
        for edge, open_ in (("top", top), ("bottom", bottom)):
            if open_:
                line = OxmlElement(f"w:{edge}")
                line.set(qn("w:val"), "nil")
                borders.append(line)
        successor = next(
            (child for child in properties if child.tag in {qn(t) for t in _TC_PR_AFTER_BORDERS}),
            None,
        )
        if successor is None:
            properties.append(borders)
        else:
            successor.addprevious(borders)


def _add_row(table, form_row=True):
    """A row of a form (``form_row``: tall enough to write in by hand, text centred in its height,
    never split across pages) or a row of a long answer (as tall as its text, free to split)."""
    row = table.add_row()
    if form_row:
        row.height = Mm(7)
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        _cant_split(row)
    cells = row.cells
    for cell, width in zip(cells, table._column_widths, strict=True):
        cell.width = width
        cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER if form_row else WD_ALIGN_VERTICAL.TOP
    return row, cells


def _cant_split(row):
    properties = row._tr.get_or_add_trPr()
    if properties.find(qn("w:cantSplit")) is None:
        # cantSplit comes before trHeight and tblHeader in CT_TrPr.
        properties.insert(0, OxmlElement("w:cantSplit"))


def keep_row_with_next(row):
    """Word and LibreOffice keep a row whose paragraphs keep with the next on the next row's page."""
    for cell in row.cells:
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True


def _write(cell, text, bold=False, align=WD_ALIGN_PARAGRAPH.LEFT):
    lines = str(text).split("\n") if text else [""]
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    _font(paragraph.add_run(lines[0]), 10.5, bold)
    for line in lines[1:]:
        extra = cell.add_paragraph()
        extra.alignment = align
        _font(extra.add_run(line), 10.5, bold)


def _line_units(width):
    """Half-width characters of 10.5 pt that fit in a cell ``width`` wide, less its margins."""
    return int((width - Mm(4)) / Pt(10.5 / 2))


def _grid(document, block: Grid):
    table = _table(document, block.widths)
    for row in block.rows:
        last, cells = _add_row(table)
        column = 0
        for cell in row:
            target = cells[column]
            if cell.span > 1:
                target = target.merge(cells[column + cell.span - 1])
            text = cell.text
            if cell.pieces:
                width = sum(table._column_widths[column : column + cell.span])
                text = "\n".join(wrap_pieces(cell.pieces, _line_units(width)))
            align = WD_ALIGN_PARAGRAPH.CENTER if cell.label else WD_ALIGN_PARAGRAPH.LEFT
            _write(target, text, align=align)
            column += cell.span
    return last


def _repeat_as_header(row):
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def add_member_table(document, block: MemberTable):
    table = _table(document, block.widths)
    last, cells = _add_row(table)
    _repeat_as_header(last)
    for cell, label in zip(cells, block.header, strict=True):
        _write(cell, label, align=WD_ALIGN_PARAGRAPH.CENTER)
    for values in block.rows:
        last, cells = _add_row(table)
        for cell, value in zip(cells, values, strict=True):
            _write(cell, value, align=WD_ALIGN_PARAGRAPH.CENTER)
    return last


def _heading(document, block: Heading):
    row, (cell,) = _add_row(_table(document, [1]))
    _write(cell, block.text)
    keep_row_with_next(row)
    return row


def _box_row(table):
    row, (cell,) = _add_row(table, form_row=False)
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.line_spacing = LONG_TEXT_LINE
    return row, cell, paragraph


def _box_paragraph(cell):
    paragraph = cell.add_paragraph()
    paragraph.paragraph_format.line_spacing = LONG_TEXT_LINE
    return paragraph


def _long_text(document, block: LongText):
    """The label, each paragraph, the blank writing lines and the seal are rows of one box, so
    that the label keeps with the first lines, the seal with the last ones, and a short box
    (``keep_whole``) never splits."""
    table = _table(document, [1])
    rows = []
    row, _cell, paragraph = _box_row(table)
    _font(paragraph.add_run(block.label), 10.5)
    rows.append(row)
    for text in block.paragraphs:
        row, _cell, paragraph = _box_row(table)
        paragraph.paragraph_format.first_line_indent = Pt(21)
        _font(paragraph.add_run(text), 10.5)
        rows.append(row)
    if block.blank_lines:
        row, cell, _paragraph = _box_row(table)
        for _ in range(block.blank_lines - 1):
            _box_paragraph(cell)
        rows.append(row)
    if block.seal:
        row, cell, paragraph = _box_row(table)
        for index, text in enumerate(("（公章）", "年　　月　　日")):
            paragraph = paragraph if index == 0 else _box_paragraph(cell)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            paragraph.paragraph_format.right_indent = SEAL_INDENT
            _font(paragraph.add_run(text), 10.5)
        _cant_split(row)
        rows.append(row)
    for index, row in enumerate(rows):
        _open_edges(row, top=index > 0, bottom=index < len(rows) - 1)
    keep_row_with_next(rows[0])
    if block.keep_whole:
        for row in rows:
            _cant_split(row)
        for row in rows[:-1]:
            keep_row_with_next(row)
    elif block.seal:
        keep_row_with_next(rows[-2])
    return rows[-1]


_BLOCKS = {
    "grid": _grid,
    "members": add_member_table,
    "heading": _heading,
    "long_text": _long_text,
}


def add_sheet(document, sheet, first=True):
    """Print ``sheet`` in a section of its own (a new page unless ``first``), whose later pages
    repeat its unit and 总编号 as a running header."""
    if not first:
        document.add_section(WD_SECTION.NEW_PAGE)
    running_header(document, sheet.header_left, sheet.header_right)
    if not document.core_properties.title:
        document.core_properties.title = sheet.title
    add_paragraph(document, sheet.attachment + "：", size=12)
    add_paragraph(
        document, sheet.title, size=16, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=4
    )
    if sheet.subtitle:
        add_paragraph(document, sheet.subtitle, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=4)
    header = header_line(document, document, sheet.header_left, sheet.header_right)
    header.paragraph_format.space_after = Pt(3)
    header.paragraph_format.keep_with_next = True
    for part in sheet.parts:
        if part.heading:
            heading = add_paragraph(
                document, part.heading, size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER
            )
            heading.paragraph_format.space_after = Pt(6)
            heading.paragraph_format.page_break_before = True
            heading.paragraph_format.keep_with_next = True
        last = None
        for block in part.blocks:
            last = _BLOCKS[block.kind](document, block)
        if part.notes and last is not None:
            keep_row_with_next(last)
        for note in part.notes:
            add_paragraph(document, note, size=9.5)


def sheets_to_docx(sheets) -> bytes:
    document = new_word_document(title=sheets[0].title if sheets else "")
    for index, sheet in enumerate(sheets):
        add_sheet(document, sheet, first=index == 0)
    return save_docx(document)


def save_docx(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
