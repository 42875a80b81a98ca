"""From judges' totals to results, exactly as judging.md says. Pure functions, exact fractions.

Every figure is computed as a Fraction and only rounded (half up, two decimals, as the
association rounds by hand) when shown, so no result is ever computed from rounded parts.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from math import floor
from statistics import median

FIRST, SECOND, THIRD = "first", "second", "third"


def exact(value) -> Fraction:
    return value if isinstance(value, Fraction) else Fraction(value)


def mean(values) -> Fraction | None:
    values = [exact(v) for v in values]
    return sum(values, Fraction(0)) / len(values) if values else None


def trimmed_mean(totals, drop: int = 1, minimum: int = 5) -> Fraction | None:
    """去掉一个最高分和一个最低分: with ``minimum`` scores or more, drop ``drop`` highest and
    ``drop`` lowest and average the rest; with fewer, the plain mean; None without scores."""
    values = sorted(exact(t) for t in totals)
    if len(values) >= minimum and len(values) > 2 * drop:
        values = values[drop : len(values) - drop]
    return mean(values)


def shown(value: Fraction | None) -> Decimal | None:
    """Two decimals, rounded half up (四舍五入), from the exact value."""
    if value is None:
        return None
    hundredths = floor(abs(value) * 100 + Fraction(1, 2))
    return (Decimal(hundredths if value >= 0 else -hundredths) / 100).quantize(Decimal("0.01"))


def final_score(
    material: Fraction | None, presentation: Fraction | None, weight
) -> Fraction | None:
    """material × w + presentation × (1 − w); an entry that did not present has none."""
    if presentation is None or material is None:
        return None
    weight = exact(weight)
    return material * weight + presentation * (1 - weight)


@dataclass
class Standing:
    """One achievement's figures in the ranking."""

    key: object
    group: str
    material_totals: list = field(default_factory=list)
    presentation_totals: list = field(default_factory=list)
    material: Fraction | None = None
    presentation: Fraction | None = None
    presentation_plain: Fraction | None = None
    final: Fraction | None = None
    rank: int | None = None
    tier: str | None = None


def compute(standing: Standing, *, drop: int, minimum: int, weight) -> Standing:
    standing.material = trimmed_mean(standing.material_totals, drop, minimum)
    standing.presentation = trimmed_mean(standing.presentation_totals, drop, minimum)
    standing.presentation_plain = mean(standing.presentation_totals)
    standing.final = final_score(standing.material, standing.presentation, weight)
    return standing


def _order(standing: Standing):
    """By final score, then the presentation score, then the untrimmed mean (judging.md)."""
    return (standing.final, standing.presentation, standing.presentation_plain)


def rank(standings: list[Standing]) -> list[Standing]:
    """Rank within each group (a topic type, or one group for all); a remaining tie shares its
    rank (1, 2, 2, 4). Entries without a final score are listed last, unranked."""
    ranked = []
    for group in sorted({s.group for s in standings}):
        members = [s for s in standings if s.group == group]
        scored = sorted((s for s in members if s.final is not None), key=_order, reverse=True)
        for position, standing in enumerate(scored, start=1):
            previous = scored[position - 2] if position > 1 else None
            standing.rank = (
                previous.rank if previous and _order(previous) == _order(standing) else position
            )
        ranked += scored + [s for s in members if s.final is None]
    return ranked


def _count(share, presenters: int) -> int:
    """A share of the presenters as a head count, rounded half up."""
    return floor(exact(share) * presenters / 100 + Fraction(1, 2))


def tiers_by_share(standings: list[Standing], shares: tuple) -> None:
    """一等奖 to the first ``shares[0]`` % of each group's presenters, and so on; tied entries
    share the better tier."""
    for group in {s.group for s in standings}:
        scored = [s for s in standings if s.group == group and s.rank is not None]
        limits, total = [], 0
        for share in shares:
            total += _count(share, len(scored))
            limits.append(total)
        for standing in scored:
            standing.tier = next(
                (
                    tier
                    for tier, limit in zip((FIRST, SECOND, THIRD), limits, strict=True)
                    if standing.rank <= limit
                ),
                None,
            )


def tiers_by_threshold(standings: list[Standing], thresholds: tuple) -> None:
    """一等奖 from ``thresholds[0]`` points of final score, and so on."""
    for standing in standings:
        if standing.final is None:
            continue
        standing.tier = next(
            (
                tier
                for tier, threshold in zip((FIRST, SECOND, THIRD), thresholds, strict=True)
                if standing.final >= exact(threshold)
            ),
            None,
        )


@dataclass
class Outlier:
    judge: object
    key: object
    total: Fraction
    median: Fraction


def outliers(totals_by_entry: dict, distance) -> list[Outlier]:
    """Scores further than ``distance`` from their entry's median, for the chief judge.

    ``totals_by_entry`` maps an entry to ``{judge: total}``.
    """
    found = []
    for key, by_judge in totals_by_entry.items():
        if not by_judge:
            continue
        middle = median(exact(total) for total in by_judge.values())
        for judge, total in by_judge.items():
            if abs(exact(total) - middle) > exact(distance):
                found.append(Outlier(judge, key, exact(total), middle))
    return found


@dataclass
class JudgeConsistency:
    judge: object
    scored: int
    mean_offset: Fraction | None
    spread: Fraction | None


def consistency(totals_by_entry: dict) -> list[JudgeConsistency]:
    """Per judge: how far above or below the panel's mean they score on average, and how much
    that offset varies (population standard deviation, shown rounded)."""
    offsets: dict = {}
    for by_judge in totals_by_entry.values():
        if len(by_judge) < 2:
            continue
        panel = mean(by_judge.values())
        for judge, total in by_judge.items():
            offsets.setdefault(judge, []).append(exact(total) - panel)
    result = []
    for judge, values in offsets.items():
        average = mean(values)
        variance = mean([(v - average) ** 2 for v in values])
        spread = Fraction(float(variance) ** 0.5).limit_denominator(10**6)
        result.append(JudgeConsistency(judge, len(values), average, spread))
    return result
