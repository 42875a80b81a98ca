"""A paper form as data: blocks of cells that the HTML/PDF and the DOCX renderers both draw.

Building a form once as a ``Sheet`` is what keeps its PDF and its Word copy identical: the
renderers know nothing of QC groups, and the form builders know nothing of PDF or Word.
"""

from dataclasses import dataclass, field


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
