"""The campaign's results, read in a fixed number of queries and computed by judging.aggregation."""

import hashlib
import json
from dataclasses import dataclass

from django.db.models import Sum

from judging.aggregation import (
    Standing,
    compute,
    consistency,
    outliers,
    rank,
    shown,
    tiers_by_share,
    tiers_by_threshold,
)
from judging.eligibility import scoring_pairs
from judging.models import (
    ROUND_SETTINGS,
    JudgingSettings,
    PanelMember,
    RankingScope,
    Round,
    Score,
    ScoreSheet,
    SheetStatus,
    Tier,
    TierMethod,
)
from submissions.models import QcAchievement


def submitted_totals(campaign, round_) -> dict:
    """{achievement id: {judge id: total}} of the submitted sheets that count in one round:
    those whose judge may score the entry now (judging.eligibility: on the panel, the entry
    submitted, no conflict, and assigned in the material round or shortlisted in the
    presentation round), so a sheet of a conflict declared later, of a withdrawn entry or of an
    entry no longer shortlisted stops counting but stays stored."""
    counting = scoring_pairs(campaign, round_)
    rows = (
        Score.objects.filter(
            sheet__achievement__campaign=campaign,
            sheet__round=round_,
            sheet__status=SheetStatus.SUBMITTED,
        )
        .values("sheet__achievement_id", "sheet__judge_id")
        .annotate(total=Sum("points"))
    )
    totals = {}
    for row in rows:
        judge, achievement = row["sheet__judge_id"], row["sheet__achievement_id"]
        if (judge, achievement) in counting:
            totals.setdefault(achievement, {})[judge] = row["total"]
    return totals


def standings(campaign) -> list[Standing]:
    """Every submitted achievement's scores, rank and tier, as the campaign's settings say."""
    settings = JudgingSettings.of(campaign)
    material = submitted_totals(campaign, Round.MATERIAL)
    presentation = submitted_totals(campaign, Round.PRESENTATION)
    achievements = (
        QcAchievement.objects.filter(campaign=campaign)
        .counted()
        .select_related("member_unit", "tier_override")
        .order_by("serial_seq")
    )
    per_type = settings.ranking_scope == RankingScope.PER_TYPE
    result = [
        compute(
            Standing(
                key=achievement,
                group=achievement.topic_type if per_type else "all",
                material_totals=list(material.get(achievement.pk, {}).values()),
                presentation_totals=list(presentation.get(achievement.pk, {}).values()),
            ),
            drop=settings.trim_count,
            minimum=settings.trim_minimum,
            weight=settings.material_weight,
        )
        for achievement in achievements
    ]
    result = rank(result)
    if settings.tier_method == TierMethod.SHARE:
        tiers_by_share(result, (settings.first_share, settings.second_share, settings.third_share))
    else:
        tiers_by_threshold(
            result, (settings.first_threshold, settings.second_threshold, settings.third_threshold)
        )
    for standing in result:
        override = getattr(standing.key, "tier_override", None)
        if override is not None:
            standing.tier = override.tier or None
    return result


def flags(campaign, round_):
    """Scores far from their entry's median, and each judge's offset against the panel."""
    settings = JudgingSettings.of(campaign)
    totals = submitted_totals(campaign, round_)
    return outliers(totals, settings.consistency_distance), consistency(totals)


@dataclass
class Progress:
    expected: int
    submitted: int

    @property
    def complete(self) -> bool:
        return self.expected > 0 and self.submitted >= self.expected


def progress(campaign, round_) -> tuple[dict, dict]:
    """Sheets submitted / expected per judge and per achievement, in a fixed number of queries."""
    panel = list(PanelMember.objects.of_campaign(campaign))
    judges = {member.judge_id: member.judge for member in panel}
    achievements = {
        a.pk: a
        for a in QcAchievement.objects.filter(campaign=campaign)
        .counted()
        .select_related("member_unit")
    }
    pairs = {(j, a) for j, a in scoring_pairs(campaign, round_) if j in judges}
    done = set(
        ScoreSheet.objects.filter(
            achievement__campaign=campaign, round=round_, status=SheetStatus.SUBMITTED
        ).values_list("judge_id", "achievement_id")
    )
    by_judge = {
        judge: Progress(
            sum(1 for j, _a in pairs if j == judge.pk),
            sum(1 for j, _a in pairs & done if j == judge.pk),
        )
        for judge in judges.values()
    }
    by_entry = {
        achievement: Progress(
            sum(1 for _j, a in pairs if a == achievement.pk),
            sum(1 for _j, a in pairs & done if a == achievement.pk),
        )
        for achievement in achievements.values()
        if any(a == achievement.pk for _j, a in pairs)
    }
    return by_judge, by_entry


def suggest_shortlist(standing_list, *, top_n=None, min_material=None) -> set:
    """Achievements that a rule would shortlist: the best ``top_n`` material scores of each
    topic type, and/or every material score of at least ``min_material``."""
    chosen = set()
    if top_n:
        for group in {s.key.topic_type for s in standing_list}:
            scored = sorted(
                (s for s in standing_list if s.key.topic_type == group and s.material is not None),
                key=lambda s: s.material,
                reverse=True,
            )
            chosen |= {s.key.pk for s in scored[:top_n]}
    if min_material is not None:
        chosen |= {
            s.key.pk for s in standing_list if s.material is not None and s.material >= min_material
        }
    return chosen


def tier_label(tier: str | None) -> str:
    return str(Tier(tier).label) if tier else ""


def shown_standing(standing: Standing) -> dict:
    """One row of results as pages and documents show it: rounded scores, rank, tier."""
    return {
        "achievement": standing.key,
        "material": shown(standing.material),
        "presentation": shown(standing.presentation),
        "final": shown(standing.final),
        "rank": standing.rank,
        "tier": standing.tier,
        "tier_label": tier_label(standing.tier),
    }


def settings_used(settings, round_=Round.PRESENTATION) -> dict:
    """The settings a round's figures were computed with, as strings (JSON, digests)."""
    return {name: str(getattr(settings, name)) for name in ROUND_SETTINGS[round_]}


def as_text(value) -> str | None:
    """A shown figure as the JSON of a publication holds it (None stays None)."""
    return None if value is None else str(value)


def result_rows(campaign) -> list[dict]:
    """Every counted achievement's published figures, in ranking order, as plain JSON values:
    what a publication stores and what the presentation sign-off's digest covers."""
    return [
        {
            "achievement": s.key.pk,
            "member_unit": s.key.member_unit_id,
            "serial_number": s.key.serial_number,
            "unit_name": s.key.member_unit.short_name,
            "unit_full_name": s.key.member_unit.full_name,
            "group_name": s.key.group_name,
            "topic": s.key.topic,
            "topic_type": s.key.topic_type,
            "topic_type_label": str(s.key.get_topic_type_display()),
            "material": as_text(shown(s.material)),
            "presentation": as_text(shown(s.presentation)),
            "final": as_text(shown(s.final)),
            "rank": s.rank,
            "tier": s.tier or "",
        }
        for s in standings(campaign)
    ]


def digest(payload) -> str:
    """SHA-256 of ``payload`` as canonical JSON (sorted keys, no spaces, UTF-8)."""
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def fingerprint(campaign, round_) -> str:
    """The digest of what the chief judge signs in ``round_``: the material round's counted
    totals per judge, or the presentation round's complete results, with the settings used."""
    settings = JudgingSettings.of(campaign)
    if round_ == Round.MATERIAL:
        totals = submitted_totals(campaign, Round.MATERIAL)
        figures = sorted(
            [achievement, judge, str(total)]
            for achievement, by_judge in totals.items()
            for judge, total in by_judge.items()
        )
    else:
        figures = result_rows(campaign)
    return digest(
        {"round": str(round_), "settings": settings_used(settings, round_), "figures": figures}
    )
