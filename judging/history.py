"""What a score sheet said before the chief judge reopened it, read from its history.

Three queries for any number of sheets: the sheets' history, their scores' history, and the
criteria. A reopening is a history row where a submitted sheet became a draft again.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from judging.models import Criterion, Score, ScoreSheet, SheetStatus


@dataclass
class Reopening:
    at: object
    by: object
    reason: str
    #: (criterion name, points) as submitted before the reopening, in the rubric's order.
    scores: list = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((points for _name, points in self.scores), Decimal(0))


def reopenings(sheets) -> dict[int, list[Reopening]]:
    """{sheet id: its reopenings, oldest first, each with the scores it held then}."""
    ids = [sheet.pk for sheet in sheets]
    if not ids:
        return {}
    sheet_rows = (
        ScoreSheet.history.filter(id__in=ids)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    found: dict[int, list[Reopening]] = {}
    previous = {}
    for row in sheet_rows:
        before = previous.get(row.id)
        if (
            before is not None
            and before.status == SheetStatus.SUBMITTED
            and row.status == SheetStatus.DRAFT
        ):
            found.setdefault(row.id, []).append(
                Reopening(at=row.history_date, by=row.history_user, reason=row.reopen_reason)
            )
        previous[row.id] = row
    if not found:
        return {}
    score_rows = list(
        Score.history.filter(sheet_id__in=list(found)).order_by("history_date", "history_id")
    )
    # From the history, not the current scores: a criterion cleared since still had its points.
    criteria = Criterion.objects.in_bulk({row.criterion_id for row in score_rows})
    for sheet_id, items in found.items():
        for reopening in items:
            held = {}
            for row in score_rows:
                if row.sheet_id != sheet_id or row.history_date > reopening.at:
                    continue
                if row.history_type == "-":
                    held.pop(row.criterion_id, None)
                else:
                    held[row.criterion_id] = row.points
            ordered = sorted(
                (criteria[pk] for pk in held if pk in criteria), key=lambda c: (c.order, c.pk)
            )
            reopening.scores = [(criterion.name, held[criterion.pk]) for criterion in ordered]
    return found
