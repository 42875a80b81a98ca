"""A paper form as data: blocks of cells that the HTML/PDF and the DOCX renderers both draw.

Building a form once as a ``Sheet`` is what keeps its PDF and its Word copy identical: the
renderers know nothing of QC groups, and the form builders know nothing of PDF or Word.
"""

import re
from dataclasses import dataclass, field

#: A run that must never break across lines: a serial number, a score, a date, a Latin word.
_UNBREAKABLE = re.compile(r"[\w.\-/:%（）()]+", re.ASCII)
#: Chinese text wraps anywhere, but a column narrower than this many characters reads badly.
_MIN_CJK_CHARS = 2


def display_width(value) -> int:
    """Width of a text in half-width units: a Chinese character takes two."""
    text = "" if value is None else str(value)
    return sum(2 if ord(char) > 0x2E80 else 1 for char in text)


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


@dataclass
class Cell:
    text: object = ""
    label: bool = False
    span: int = 1

    def __post_init__(self):
        self.text = "" if self.text is None else str(self.text)


def L(text, span=1):  # noqa: N802  (reads like the paper: L("人数"), V(entry.member_count))
    return Cell(text, label=True, span=span)


def V(text="", span=1):  # noqa: N802
    return Cell(text, span=span)


@dataclass
class Grid:
    """The fixed table of a form: rows of cells over ``widths`` (relative column widths)."""

    widths: list[int]
    rows: list[list[Cell]]


@dataclass
class LongText:
    """A long answer in a box of its own, which may flow onto further pages."""

    label: str
    text: str = ""
    min_lines: int = 6
    #: Room for the seal and the date below the text (意见 boxes).
    seal: bool = False


@dataclass
class MemberTable:
    """A list whose header row repeats on every page it runs onto."""

    header: list[str]
    rows: list[list[str]]
    widths: list[int]


@dataclass
class Sheet:
    attachment: str
    title: str
    header_left: str
    header_right: str
    blocks: list
    notes: list[str] = field(default_factory=list)
    subtitle: str = ""
    #: Name of the file without extension, e.g. 附件2-2026-QC-001.
    stem: str = ""
