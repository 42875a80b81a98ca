"""The scoring rules of judging.md, one by one."""

from decimal import Decimal
from fractions import Fraction

from judging.aggregation import (
    FIRST,
    SECOND,
    THIRD,
    Standing,
    compute,
    consistency,
    final_score,
    outliers,
    rank,
    shown,
    tiers_by_share,
    tiers_by_threshold,
    trimmed_mean,
)

D = Decimal


def test_with_five_scores_the_highest_and_the_lowest_are_dropped():
    assert trimmed_mean([D(70), D(80), D(85), D(90), D(99)]) == Fraction(255, 3)


def test_with_four_scores_the_plain_mean_is_taken():
    assert trimmed_mean([D(70), D(80), D(90), D(99)]) == Fraction(339, 4)


def test_with_six_scores_one_highest_and_one_lowest_are_dropped():
    assert trimmed_mean([D(60), D(70), D(80), D(90), D(95), D(100)]) == Fraction(335, 4)


def test_the_number_dropped_is_a_setting():
    assert trimmed_mean([D(1), D(2), D(3), D(4), D(5), D(6), D(7)], drop=2, minimum=5) == 4


def test_equal_scores_drop_only_one_of_each():
    assert trimmed_mean([D(80), D(80), D(80), D(80), D(80)]) == 80


def test_no_scores_no_mean():
    assert trimmed_mean([]) is None


def test_half_points_are_kept_exactly():
    assert trimmed_mean([D("85.5"), D("86"), D("86.5")]) == 86


def test_shown_always_has_two_decimals():
    assert str(shown(Fraction(87))) == "87.00"


def test_shown_rounds_half_up_from_the_exact_value():
    assert [
        shown(Fraction(255, 3)),
        shown(Fraction(8512500, 100000)),
        shown(Fraction(-1, 200)),
    ] == [
        D("85.00"),
        D("85.13"),
        D("-0.01"),
    ]


def test_a_third_is_never_rounded_before_it_is_used():
    # Three judges: 85, 85, 86 -> 85.333...; with weight 0.3 and presentation 90 the final is
    # 88.6 exactly, whereas 85.33 rounded first would give 88.599.
    material = trimmed_mean([D(85), D(85), D(86)])
    assert final_score(material, Fraction(90), D("0.3")) == Fraction(886, 10)


def test_no_presentation_no_final_score():
    assert final_score(Fraction(80), None, D("0.3")) is None


def standing(key, material, presentation, group="problem_solving"):
    return compute(
        Standing(key, group, material_totals=material, presentation_totals=presentation),
        drop=1,
        minimum=5,
        weight=D("0.3"),
    )


def test_ranking_by_final_then_presentation_then_untrimmed_mean():
    a = standing("a", [D(80)], [D(90), D(90), D(90), D(90), D(90)])  # final 87
    b = standing("b", [D(90)], [D(85), D(86), D(86), D(86), D(87)])  # final 87.2
    c = standing("c", [D(90)], [D(60), D(85), D(85), D(85), D(100)])  # final 86.5, plain 83
    d = standing("d", [D(90)], [D(84), D(85), D(85), D(85), D(86)])  # final 86.5, plain 85
    assert [(s.key, s.rank) for s in rank([a, b, c, d])] == [("b", 1), ("a", 2), ("d", 3), ("c", 4)]


def test_a_remaining_tie_is_shown_as_a_tie():
    a = standing("a", [D(80)], [D(90)])
    b = standing("b", [D(80)], [D(90)])
    c = standing("c", [D(70)], [D(90)])
    assert [(s.key, s.rank) for s in rank([a, b, c])] == [("a", 1), ("b", 1), ("c", 3)]


def test_each_topic_type_is_ranked_on_its_own():
    a = standing("a", [D(80)], [D(90)], group="innovative")
    b = standing("b", [D(70)], [D(80)], group="problem_solving")
    assert [(s.key, s.rank) for s in rank([a, b])] == [("a", 1), ("b", 1)]


def test_an_entry_that_did_not_present_is_unranked_and_last():
    a = standing("a", [D(80)], [])
    b = standing("b", [D(70)], [D(80)])
    assert [(s.key, s.rank) for s in rank([a, b])] == [("b", 1), ("a", None)]


def test_tiers_by_share_of_presenters_and_ties_share_the_better_tier():
    points = [100, 99, 99, 97, 96, 95, 94, 93, 92, 91]  # the 2nd and 3rd tie across a boundary
    standings = rank([standing(str(n), [D(p)], [D(p)]) for n, p in enumerate(points)])
    tiers_by_share(standings, (D(15), D(35), D(50)))
    # 15 % of 10 = 1.5 -> 2 first prizes; 35 % -> 3.5 -> 4 more; the rest third.
    assert [s.tier for s in standings] == [
        FIRST,
        FIRST,
        FIRST,
        SECOND,
        SECOND,
        SECOND,
        THIRD,
        THIRD,
        THIRD,
        THIRD,
    ]


def test_tiers_by_threshold():
    standings = [
        standing("a", [D(95)], [D(92)]),
        standing("b", [D(85)], [D(80)]),
        standing("c", [D(60)], [D(65)]),
    ]
    tiers_by_threshold(standings, (D(90), D(80), D(70)))
    assert [s.tier for s in standings] == [FIRST, SECOND, None]


def test_a_conflicted_judge_is_simply_missing():
    # Four judges scored (the fifth was conflicted): the plain mean of four, nothing dropped.
    assert standing("a", [D(80)], [D(70), D(80), D(90), D(100)]).presentation == 85


def test_scores_far_from_the_median_are_flagged():
    flagged = outliers({"entry": {"j1": D(80), "j2": D(82), "j3": D(60), "j4": D(81)}}, D(15))
    assert [(o.judge, o.total, o.median) for o in flagged] == [("j3", 60, Fraction(161, 2))]


def test_judge_consistency_is_offset_and_spread_against_the_panel():
    report = {
        r.judge: (r.scored, r.mean_offset)
        for r in consistency({"e1": {"j1": D(90), "j2": D(80)}, "e2": {"j1": D(70), "j2": D(60)}})
    }
    assert report == {"j1": (2, 5), "j2": (2, -5)}
