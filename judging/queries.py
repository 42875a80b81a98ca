"""What a judge sees: the entries they score in a round, with their sheets, in fixed queries."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch

from judging.console import current_achievement_id
from judging.eligibility import scorable
from judging.models import PanelMember, Round, ScoreSheet
from judging.signoffs import ROUND_PHASE
from portal.permissions import is_staff_member
from submissions.models import QcAchievement


@dataclass
class JudgeTask:
    achievement: QcAchievement
    sheet: ScoreSheet | None

    @property
    def state(self) -> str:
        return self.sheet.status if self.sheet else "not_started"


def current_round(campaign) -> str | None:
    """The round being scored in the campaign's phase, if any."""
    return next((round_ for round_, phase in ROUND_PHASE.items() if phase == campaign.phase), None)


def judge_tasks(judge, campaign, round_) -> list[JudgeTask]:
    sheets = Prefetch(
        "score_sheets",
        queryset=ScoreSheet.objects.filter(judge=judge, round=round_).prefetch_related("scores"),
        to_attr="my_sheets",
    )
    entries = (
        scorable(judge, campaign, round_)
        .select_related("member_unit", "running_slot")
        .prefetch_related(sheets)
        .order_by("serial_seq", "pk")
    )
    tasks = [JudgeTask(entry, entry.my_sheets[0] if entry.my_sheets else None) for entry in entries]
    if round_ == Round.PRESENTATION:
        # On the day the list follows the running order, the entry presenting now first.
        current = current_achievement_id(campaign)
        tasks.sort(
            key=lambda task: (
                task.achievement.pk != current,
                getattr(getattr(task.achievement, "running_slot", None), "position", 10**6),
            )
        )
    return tasks


def ensure_staff_or_chief(user, campaign) -> None:
    """Progress, ranking and results are for staff and the campaign's chief judge."""
    if not (is_staff_member(user) or PanelMember.objects.is_chief(campaign, user)):
        raise PermissionDenied
