"""How much of its quotas each unit has used: the home page's table and the unit dashboard."""

from dataclasses import dataclass

from django.db.models import Count

from portal.models import MemberUnit, Quota
from submissions.models import QcAchievement


def quota_is_full(limit: int | None, used: int) -> bool:
    """No further entry may be submitted: the one quota rule, for ``services.submit`` (which
    refuses) and the dashboard (which says so before a new entry is filled)."""
    return limit is not None and used >= limit


@dataclass(frozen=True)
class QuotaUsage:
    """Entries submitted against a limit (limit None: no limit)."""

    label: str
    limit: int | None
    used: int

    @property
    def left(self) -> int | None:
        return None if self.limit is None else max(self.limit - self.used, 0)

    @property
    def is_full(self) -> bool:
        return quota_is_full(self.limit, self.used)


def quota_usage(model, campaign, member_unit, *, excluding=None) -> QuotaUsage:
    """The unit's use of its quota of ``model`` entries (``excluding`` one entry: its own place)."""
    counted = model.objects.filter(campaign=campaign, member_unit=member_unit).counted()
    if excluding is not None:
        counted = counted.exclude(pk=excluding.pk)
    return QuotaUsage(
        label=model._meta.verbose_name_plural,
        limit=model.quota_limit(campaign, member_unit),
        used=counted.count(),
    )


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
