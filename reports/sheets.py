"""A paper form as data: blocks of cells that the HTML/PDF and the DOCX renderers both draw.

Building a form once as a ``Sheet`` is what keeps its PDF and its Word copy identical: the
renderers know nothing of QC groups, and the form builders know nothing of PDF or Word.
"""

import re
from dataclasses import dataclass, field
from typing import ClassVar

#: A run that must never break across lines: a serial number, a score, a date, a Latin word.
_UNBREAKABLE = re.compile(r"[\w.\-/:%（）()]+", re.ASCII)
#: Chinese text wraps anywhere, but a column narrower than this many characters reads badly.
_MIN_CJK_CHARS = 2
#: Half-width units on a line inside a full-width box (A4 portrait, 10.5–11 pt, less padding).
BOX_LINE_UNITS = 80
#: A paragraph's first line is indented by two Chinese characters.
INDENT_UNITS = 4
#: A box of at most this many lines moves whole to the next page rather than split.
KEEP_WHOLE_LINES = 14
#: Between the pieces of a cell (checkbox options): an ideographic space.
PIECE_SEPARATOR = "\u3000"
#: Heading of the pages the paper asks to be attached (附件7's 总结).
ANNEX_HEADING = "另附页"


def display_width(value) -> int:
    """Width of a text in half-width units: a Chinese character takes two."""
    text = "" if value is None else str(value)
    return sum(2 if ord(char) > 0x2E80 else 1 for char in text)


#: The widest run kept on one line; a longer one (a 50-character name) wraps like any text.
MAX_WHOLE_UNITS = 24


def whole(value) -> str:
    """``value`` as ``content_widths`` should measure a run that must not wrap (三等奖, 张伟、,
    "3（并列）"): a Latin run of its width; as itself when too long to keep on one line anyway."""
    text = "" if value is None else str(value)
    width = display_width(text)
    return "0" * width if 0 < width <= MAX_WHOLE_UNITS else text


#: The most a running header's side may hold: two lines of its margin box (10 pt, portrait).
RUNNING_UNITS = 100


def running_text(value, units=RUNNING_UNITS) -> str:
    """``value`` short enough for a running header, cut with … (a 200-character unit name would
    grow the header past the top margin and off the paper)."""
    text = "" if value is None else str(value)
    if display_width(text) <= units:
        return text
    kept, width = [], display_width("…")
    for char in text:
        width += display_width(char)
        if width > units:
            break
        kept.append(char)
    return "".join(kept) + "…"


def _unbreakable_width(text: str) -> int:
    """The narrowest a column may be for ``text``: its longest Latin/number run, and no fewer than
    two Chinese characters (a two-character name stays on one line)."""
    runs = [display_width(run) for run in _UNBREAKABLE.findall(text)]
    return max([*runs, min(display_width(text), 2 * _MIN_CJK_CHARS)])


def content_widths(rows, *, line_units=84, padding=2) -> list[int]:
    """Relative column widths (percent, summing to 100) from what the columns hold.

    Every column gets at least its longest unbreakable run (plus ``padding`` for the cell's own
    margins), so serial numbers, scores and short names never wrap; the room left on a line of
    ``line_units`` half-width units (84 for A4 portrait at 10.5 pt, 130 landscape) goes to the
    columns whose text is longer than that, in proportion to how much longer.
    ``rows`` include the header row; a header wraps at its Chinese characters like any text.
    """
    columns = list(zip(*[[str(cell) for cell in row] for row in rows], strict=True))
    need = [max(_unbreakable_width(text) for text in column) + padding for column in columns]
    want = [max(display_width(text) for text in column) + padding for column in columns]
    spare = line_units - sum(need)
    extra = [max(w - n, 0) for w, n in zip(want, need, strict=True)]
    if spare > 0 and sum(extra):
        share = min(1, spare / sum(extra))
        need = [n + e * share for n, e in zip(need, extra, strict=True)]
    total = sum(need)
    widths = [max(1, round(100 * n / total)) for n in need]
    widths[widths.index(max(widths))] += 100 - sum(widths)
    return widths


#: Half-width units on a line of an A4 landscape table (``reports.sheets.content_widths``).
LANDSCAPE_UNITS = 130
#: Room for a cell's own margins, in half-width units: a cell's padding (WeasyPrint's 1.8 mm,
#: Word's 1.9 mm a side) takes two, and serial numbers' Latin capitals run wider than the half
#: a Chinese character ``display_width`` counts them as, so one more keeps "2026-QC-001" whole.
CELL_PADDING = 3


def table_widths(header, rows, *, whole_columns=(), line_units=LANDSCAPE_UNITS) -> list[int]:
    """Relative column widths (percent) of a printed table from its header and rows; the
    columns ``whole_columns`` hold short words of a fixed list (三等奖, 问题解决型, "3（并列）") that must
    stay on one line, where Chinese text may otherwise wrap after two characters."""
    measured = [
        [
            whole(value) if index in whole_columns else ("" if value is None else str(value))
            for index, value in enumerate(row)
        ]
        for row in [header, *rows]
    ]
    return content_widths(measured, line_units=line_units, padding=CELL_PADDING)


def wrap_pieces(pieces, line_units, separator=PIECE_SEPARATOR) -> list[str]:
    """``pieces`` packed into lines of at most ``line_units`` half-width units, as many on a line as
    fit, never cutting one (Word breaks Chinese text anywhere; this is how a renderer that cannot
    be told "do not break here" keeps 「□单位举办」 whole)."""
    lines: list[list[str]] = []
    width = 0
    for piece in pieces:
        need = display_width(piece)
        if lines and width + display_width(separator) + need <= line_units:
            lines[-1].append(piece)
            width += display_width(separator) + need
        else:
            lines.append([piece])
            width = need
    return [separator.join(line) for line in lines]


@dataclass
class Cell:
    """One cell of a ``Grid``. ``pieces``, when given, are printed in order and the cell may wrap
    between them but never inside one (a checkbox with its label: 「□单位举办」)."""

    text: object = ""
    label: bool = False
    span: int = 1
    pieces: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.text = "" if self.text is None else str(self.text)
        if self.pieces:
            self.text = PIECE_SEPARATOR.join(self.pieces)


def L(text, span=1):  # noqa: N802  (reads like the paper: L("人数"), V(entry.member_count))
    return Cell(text, label=True, span=span)


def V(text="", span=1):  # noqa: N802
    return Cell(text, span=span)


@dataclass
class Grid:
    """The fixed table of a form: rows of cells over ``widths`` (relative column widths).

    A row never splits across pages."""

    kind: ClassVar[str] = "grid"
    widths: list[int]
    rows: list[list[Cell]]


@dataclass
class Heading:
    """A full-width line of the form that introduces the blocks below it (「质量信得过班组简介及
    活动结果（另附纸）：」); it is never left alone at the foot of a page."""

    kind: ClassVar[str] = "heading"
    text: str


@dataclass
class LongText:
    """A long answer in a box of its own, which may flow onto further pages.

    The label stays with the first lines and the seal with the last ones; a box of at most
    ``KEEP_WHOLE_LINES`` lines (a short 意见 with its seal) is never split at all.
    """

    kind: ClassVar[str] = "long_text"
    label: str
    text: str = ""
    #: Height of the writing space in lines, however little has been written.
    min_lines: int = 6
    #: Room for the seal and the date below the text (意见 boxes).
    seal: bool = False

    @property
    def paragraphs(self) -> list[str]:
        """The answer's paragraphs: one per line typed, blank lines dropped."""
        return [line.strip() for line in self.text.split("\n") if line.strip()]

    def text_lines(self, line_units=BOX_LINE_UNITS) -> int:
        """About how many printed lines the answer takes (each paragraph starts indented)."""
        return sum(
            -(-(display_width(paragraph) + INDENT_UNITS) // line_units)
            for paragraph in self.paragraphs
        )

    @property
    def blank_lines(self) -> int:
        """Empty lines to add below the text so the box is ``min_lines`` tall."""
        return max(self.min_lines - self.text_lines(), 0)

    @property
    def keep_whole(self) -> bool:
        return max(self.text_lines(), self.min_lines) <= KEEP_WHOLE_LINES


@dataclass
class MemberTable:
    """A list whose header row repeats on every page it runs onto."""

    kind: ClassVar[str] = "members"
    header: list[str]
    rows: list[list[str]]
    widths: list[int]


@dataclass
class Sheet:
    """One paper form.

    ``header_left`` (the unit) and ``header_right`` (总编号) head its first page above the table
    and every further page as a running header, so that a loose page can still be matched.
    """

    attachment: str
    title: str
    header_left: str
    header_right: str
    blocks: list
    notes: list[str] = field(default_factory=list)
    subtitle: str = ""
    #: Name of the file without extension, e.g. 附件2-2026-QC-001.
    stem: str = ""
    #: Answers the paper wants on a separate sheet (另附页): each starts a page of its own after
    #: the form and its notes, headed ``ANNEX_HEADING``.
    annex: list[LongText] = field(default_factory=list)

    @property
    def parts(self) -> list["Part"]:
        """What is printed after the sheet's title and header, in order: the form with its notes,
        then each annex on a page of its own."""
        return [
            Part(blocks=self.blocks, notes=self.notes),
            *(Part(blocks=[block], heading=ANNEX_HEADING) for block in self.annex),
        ]


@dataclass
class Part:
    """A run of blocks; one with a ``heading`` starts a new page under that heading."""

    blocks: list
    notes: list[str] = field(default_factory=list)
    heading: str = ""
