"""What a unit has entered for a campaign: entries per form, quotas, and what is still missing."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from submissions.kinds import KINDS, EntryKind
from submissions.quotas import quota_is_full

_PREFETCH = {"achievement": ["members", "files"], "team": ["members"]}


@dataclass
class KindOverview:
    kind: EntryKind
    entries: list
    limit: int | None

    @property
    def used(self) -> int:
        return sum(1 for entry in self.entries if entry.holds_quota)

    @property
    def left(self) -> int | None:
        return None if self.limit is None else max(self.limit - self.used, 0)

    @property
    def is_full(self) -> bool:
        """A new entry could not be submitted: the rule ``services.submit`` enforces."""
        return quota_is_full(self.limit, self.used)


@dataclass
class UnitOverview:
    kinds: list[KindOverview]
    checklist: list[tuple[str, bool]] = field(default_factory=list)


def entries_of(kind: EntryKind, campaign, member_unit):
    return (
        kind.model.objects.filter(campaign=campaign, member_unit=member_unit)
        .prefetch_related(*_PREFETCH.get(kind.slug, []))
        .order_by("pk")
    )


def unit_overview(campaign, member_unit) -> UnitOverview:
    """Entries and quotas of every form, in a number of queries that does not grow with entries."""
    kinds = [
        KindOverview(
            kind=kind,
            entries=list(entries_of(kind, campaign, member_unit)),
            limit=kind.model.quota_limit(campaign, member_unit),
        )
        for kind in KINDS.values()
    ]
    by_slug = {overview.kind.slug: overview for overview in kinds}
    achievements = by_slug["achievement"].entries
    submitted = [a for a in achievements if a.holds_quota]
    checklist = [
        (_("At least one QC achievement submitted"), bool(submitted)),
        (
            _("Every achievement has its record book, slides and electronic report uploaded"),
            bool(achievements) and all(not a.missing_for_submission() for a in achievements),
        ),
        (
            _("Every achievement states its topic type (问题解决型 or 创新型)"),
            bool(achievements) and all(a.topic_type for a in achievements),
        ),
        (
            _("The statistics table (附件7) is submitted"),
            any(s.holds_quota for s in by_slug["statistics"].entries),
        ),
    ]
    return UnitOverview(kinds=kinds, checklist=checklist)
