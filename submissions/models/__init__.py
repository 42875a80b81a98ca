from submissions.models.achievements import AchievementFile, QcAchievement, QcGroupMember
from submissions.models.base import Entry, Sex, Status, TopicType
from submissions.models.nominations import ExcellentEnterprise, ExcellentPromoter
from submissions.models.statistics import ActivityStatistics
from submissions.models.teams import TrustedTeam, TrustedTeamMember

__all__ = [
    "AchievementFile",
    "ActivityStatistics",
    "Entry",
    "ExcellentEnterprise",
    "ExcellentPromoter",
    "QcAchievement",
    "QcGroupMember",
    "Sex",
    "Status",
    "TopicType",
    "TrustedTeam",
    "TrustedTeamMember",
]
