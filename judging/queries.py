"""What a judge sees: the entries they score in a round, with their sheets, in fixed queries."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch

from judging.console import current_achievement_id
from judging.day import in_running_order
from judging.eligibility import scorable
from judging.models import PanelMember, Round, ScoreSheet
from judging.signoffs import ROUND_PHASE
from portal.permissions import is_staff_member
from submissions.models import QcAchievement


@dataclass
class JudgeTask:
    achievement: QcAchievement
    sheet: ScoreSheet | None
    #: The place in the order the entries are scored (``entries_in_order``), from 1.
    order: int = 0

    @property
    def state(self) -> str:
        return self.sheet.status if self.sheet else "not_started"


def current_round(campaign) -> str | None:
    """The round being scored in the campaign's phase, if any."""
    return next((round_ for round_, phase in ROUND_PHASE.items() if phase == campaign.phase), None)


def entries_in_order(judge, campaign, round_):
    """The entries ``judge`` scores in ``round_``, in the order they are scored: the running
    order on presentation day, the serial numbers in the material round."""
    entries = scorable(judge, campaign, round_)
    if round_ == Round.PRESENTATION:
        return in_running_order(entries)
    return entries.order_by("serial_seq", "pk")


def next_entry(judge, campaign, round_, entry) -> QcAchievement | None:
    """The entry after ``entry`` that ``judge`` scores in ``round_``, or None after the last."""
    ids = list(entries_in_order(judge, campaign, round_).values_list("pk", flat=True))
    if entry.pk not in ids or ids[-1] == entry.pk:
        return None
    return QcAchievement.objects.get(pk=ids[ids.index(entry.pk) + 1])


def judge_tasks(judge, campaign, round_) -> list[JudgeTask]:
    sheets = Prefetch(
        "score_sheets",
        queryset=ScoreSheet.objects.filter(judge=judge, round=round_).prefetch_related("scores"),
        to_attr="my_sheets",
    )
    entries = (
        entries_in_order(judge, campaign, round_)
        .select_related("member_unit", "running_slot")
        .prefetch_related(sheets)
    )
    tasks = [
        JudgeTask(entry, entry.my_sheets[0] if entry.my_sheets else None, order)
        for order, entry in enumerate(entries, start=1)
    ]
    if round_ == Round.PRESENTATION:
        # On the day the entry presenting now comes first, the others in the running order.
        current = current_achievement_id(campaign)
        tasks.sort(key=lambda task: task.achievement.pk != current)
    return tasks


def ensure_staff_or_chief(user, campaign) -> None:
    """Progress, ranking and results are for staff and the campaign's chief judge."""
    if not (is_staff_member(user) or PanelMember.objects.is_chief(campaign, user)):
        raise PermissionDenied
