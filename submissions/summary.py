"""附件8 推荐汇总表, derived from what the units entered: nobody types it twice."""

from dataclasses import dataclass

from django.db.models import Prefetch

from submissions.models import (
    ExcellentEnterprise,
    ExcellentPromoter,
    QcAchievement,
    TrustedTeam,
    TrustedTeamMember,
)


@dataclass
class RecommendationSummary:
    achievements: list
    enterprises: list
    promoters: list
    teams: list

    @property
    def team_member_total(self) -> int:
        """班组人数总计."""
        return sum(team.member_count for team in self.teams)

    @property
    def is_empty(self) -> bool:
        return not (self.achievements or self.enterprises or self.promoters or self.teams)


def recommendation_summary(campaign, member_unit=None) -> RecommendationSummary:
    """The submitted entries of one unit, or of every unit when ``member_unit`` is None."""

    def submitted(model):
        queryset = model.objects.filter(campaign=campaign).counted().select_related("member_unit")
        if member_unit is not None:
            queryset = queryset.filter(member_unit=member_unit)
        return queryset.order_by("member_unit__position", "member_unit_id", "serial_seq")

    members = Prefetch("members", queryset=TrustedTeamMember.objects.order_by("order", "pk"))
    return RecommendationSummary(
        achievements=list(submitted(QcAchievement)),
        enterprises=list(submitted(ExcellentEnterprise)),
        promoters=list(submitted(ExcellentPromoter)),
        teams=list(submitted(TrustedTeam).prefetch_related(members)),
    )
