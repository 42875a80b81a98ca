from judging.models.attendance import Attendee, AttendeeRole
from judging.models.day import DayState, OrderDraw, RunningSlot, Stage
from judging.models.decisions import (
    NominationDecision,
    RecommendationBody,
    RoundSignOff,
    UpwardRecommendation,
)
from judging.models.panel import Conflict, PanelMember
from judging.models.published import PublishedNomination, PublishedStanding, ResultsVersion
from judging.models.rubrics import Criterion, Round, Rubric
from judging.models.scores import (
    Assignment,
    Score,
    ScoreSheet,
    SheetStatus,
    ShortlistEntry,
    Tier,
    TierOverride,
)
from judging.models.settings import ROUND_SETTINGS, JudgingSettings, RankingScope, TierMethod

__all__ = [
    "ROUND_SETTINGS",
    "Assignment",
    "Attendee",
    "AttendeeRole",
    "Conflict",
    "Criterion",
    "DayState",
    "JudgingSettings",
    "NominationDecision",
    "OrderDraw",
    "PanelMember",
    "RankingScope",
    "RecommendationBody",
    "PublishedNomination",
    "PublishedStanding",
    "ResultsVersion",
    "Round",
    "RoundSignOff",
    "RunningSlot",
    "Rubric",
    "Score",
    "ScoreSheet",
    "SheetStatus",
    "Stage",
    "ShortlistEntry",
    "Tier",
    "TierMethod",
    "TierOverride",
    "UpwardRecommendation",
]
