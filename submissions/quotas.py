"""How much of its quotas each unit has used: the home page's table and the unit dashboard."""

from dataclasses import dataclass

from django.db.models import Count

from portal.models import MemberUnit, Quota
from submissions.models import QcAchievement


@dataclass(frozen=True)
class QuotaUsage:
    """Entries submitted against a limit (limit None: no limit)."""

    label: str
    limit: int | None
    used: int

    @property
    def left(self) -> int | None:
        return None if self.limit is None else max(self.limit - self.used, 0)


@dataclass(frozen=True)
class UnitQuota(QuotaUsage):
    member_unit: MemberUnit | None = None


def achievement_quota_table(campaign) -> list[UnitQuota]:
    """Every active unit's QC achievement quota, used and left, in three queries."""
    limits = dict(
        Quota.objects.filter(campaign=campaign).values_list("member_unit_id", "achievement_limit")
    )
    used = dict(
        QcAchievement.objects.filter(campaign=campaign)
        .counted()
        .values("member_unit_id")
        .annotate(n=Count("pk"))
        .values_list("member_unit_id", "n")
    )
    return [
        UnitQuota(
            label=unit.short_name,
            member_unit=unit,
            limit=limits.get(unit.pk),
            used=used.get(unit.pk, 0),
        )
        for unit in MemberUnit.objects.active()
    ]
