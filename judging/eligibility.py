"""Who may score what: one definition, as querysets; every yes/no answer and every set of
(judge, achievement) pairs is derived from it.

A judge scores an achievement when the judge sits on the campaign's panel, the achievement is
submitted (counted), it is not of the judge's own unit, no conflict is declared for the pair,
and the judge is asked to: assigned (material round) or the achievement is shortlisted
(presentation round).
"""

from django.db.models import Value

from judging.models import Assignment, Conflict, PanelMember, Round, ShortlistEntry
from submissions.models import QcAchievement


def _open_to(judge, campaign):
    """Submitted achievements of the campaign, none of ``judge``'s unit or declared conflicts."""
    queryset = QcAchievement.objects.filter(campaign=campaign).counted()
    if judge.member_unit_id:
        queryset = queryset.exclude(member_unit_id=judge.member_unit_id)
    return queryset.exclude(pk__in=Conflict.objects.filter(judge=judge).values("achievement"))


def _asked(queryset, judge, round_):
    """Those ``judge`` is asked to score: assigned (material round) or shortlisted."""
    if round_ == Round.MATERIAL:
        return queryset.filter(pk__in=Assignment.objects.filter(judge=judge).values("achievement"))
    return queryset.filter(pk__in=ShortlistEntry.objects.values("achievement"))


def unconflicted(judge, campaign):
    """The campaign's submitted achievements that ``judge`` could be asked to score: none of
    their own unit, none with a declared conflict; nothing for a judge off the panel."""
    if not PanelMember.objects.filter(campaign=campaign, judge=judge).exists():
        return QcAchievement.objects.none()
    return _open_to(judge, campaign)


def scorable(judge, campaign, round_):
    """The achievements ``judge`` scores in ``round_``: unconflicted and asked to."""
    return _asked(unconflicted(judge, campaign), judge, round_)


def may_score(judge, achievement, round_) -> bool:
    return scorable(judge, achievement.campaign, round_).filter(pk=achievement.pk).exists()


def is_conflicted(judge, achievement) -> bool:
    """Whether ``judge`` must never score ``achievement`` (own unit or a declared conflict)."""
    return not unconflicted(judge, achievement.campaign).filter(pk=achievement.pk).exists()


def _pairs(campaign, per_judge) -> set[tuple[int, int]]:
    """{(judge id, achievement id)} over the whole panel (whose seats are read here, so the
    per-judge querysets skip that check), in one query: a UNION of each judge's queryset.
    Judges whose account was deactivated keep the scores they gave."""
    judges = [
        member.judge
        for member in PanelMember.objects.filter(campaign=campaign).select_related("judge")
    ]
    parts = [
        per_judge(judge).order_by().annotate(judge_id=Value(judge.pk)).values_list("judge_id", "pk")
        for judge in judges
    ]
    if not parts:
        return set()
    return set(parts[0].union(*parts[1:], all=True))


def unconflicted_pairs(campaign) -> set[tuple[int, int]]:
    return _pairs(campaign, lambda judge: _open_to(judge, campaign))


def scoring_pairs(campaign, round_) -> set[tuple[int, int]]:
    """Every (judge, achievement) pair whose sheet counts in ``round_``."""
    return _pairs(campaign, lambda judge: _asked(_open_to(judge, campaign), judge, round_))


def judges_for(campaign, achievement_id) -> set[int]:
    """The panel judges who may score one achievement if asked (one query)."""
    return {
        judge
        for judge, _a in _pairs(
            campaign, lambda judge: _open_to(judge, campaign).filter(pk=achievement_id)
        )
    }
