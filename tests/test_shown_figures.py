"""The rules for figures shown to readers: rounding parts to a shown total, and quartiles by rank."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kompass_xlsx.aggregation import MIN_QUARTILE_COUNT, NoQuartile, no_quartile, quartile_of
from kompass_xlsx.national import shown_parts, shown_parts_to
from kompass_xlsx.scoring import round_half_up, round_parts, round_parts_to

D = Decimal


# --- round_parts_to ------------------------------------------------------------------------


def test_round_parts_to_a_given_shown_total():
    parts = [D("10.25"), D("20.25"), D("30.25")]  # sum 60.75: round_parts would show 60.8
    assert round_parts(parts, 1) == [D("10.3"), D("20.3"), D("30.2")]
    assert round_parts_to(parts, D("60.7"), 1) == [D("10.3"), D("20.2"), D("30.2")]  # ties to the earlier part
    assert round_parts_to(parts, D("60.8"), 1) == round_parts(parts, 1)
    assert round_parts_to([D("1.5"), D("2.0")], D("3"), 0) == [D(1), D(2)]  # a part on the unit stays
    assert round_parts_to([D("1.5"), D("2.0")], D("4"), 0) == [D(2), D(2)]


def test_round_parts_to_refuses_a_total_it_cannot_reach():
    with pytest.raises(ValueError, match="so that they add up to 61.75"):
        round_parts_to([D("10.25"), D("20.25"), D("30.25")], D("61.75"), 1)
    with pytest.raises(ValueError):
        round_parts_to([D("10.25")], D("10.25"), 1)  # the target is not on the unit


@given(st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=12), st.integers(min_value=1, max_value=40), st.booleans())
def test_round_parts_to_adds_up_and_moves_no_part_a_whole_unit(numerators, count, up):
    parts = [D(n) / count for n in numerators]
    exact = sum(parts, D(0))
    target = exact.quantize(D("0.1"), rounding="ROUND_CEILING" if up else "ROUND_FLOOR")
    if abs(target - exact) >= D("0.1"):
        return
    shown = round_parts_to(parts, target, 1)
    assert sum(shown) == target
    assert all(abs(s - p) < D("0.1") and s == round_half_up(s, 1) for s, p in zip(shown, parts))


def test_shown_area_and_question_means_add_up_to_what_is_shown_above_them():
    areas = {1: D(145) / 3, 2: D("52.35"), 3: D(200) / 7}
    total = sum(areas.values(), D(0))
    shown, shown_total = shown_parts(areas, total)
    assert shown_total == round_half_up(total, 1) and sum(shown.values()) == shown_total
    questions = {"1.1": D(40) / 3, "1.2": D(50) / 3, "1.3": D(55) / 3}  # adds up to area 1
    shown_questions = shown_parts_to(questions, shown[1])
    assert list(shown_questions) == ["1.1", "1.2", "1.3"]
    assert sum(shown_questions.values()) == shown[1]


# --- quartiles by rank ---------------------------------------------------------------------


def test_no_quartile_below_the_minimum_count():
    assert MIN_QUARTILE_COUNT == 4
    assert quartile_of(D(5), [D(5)]) is None
    assert no_quartile([D(5)]) is NoQuartile.TOO_FEW
    assert [quartile_of(v, [D(1), D(2), D(3)]) for v in (D(1), D(2), D(3))] == [None, None, None]
    assert no_quartile([D(1), D(2), D(3)]) is NoQuartile.TOO_FEW


def test_quartile_by_rank_with_four_and_eight_values():
    four = [D(10), D(20), D(30), D(40)]
    assert [quartile_of(v, four) for v in four] == [1, 2, 3, 4]
    assert no_quartile(four) is None
    eight = [D(n) for n in range(1, 9)]
    assert [quartile_of(v, eight) for v in eight] == [1, 1, 2, 2, 3, 3, 4, 4]
    five = [D(n) for n in range(1, 6)]
    assert [quartile_of(v, five) for v in five] == [1, 2, 3, 4, 4]  # fewer than a quarter above: the top quarter


def test_ties_share_the_better_quartile_and_all_equal_has_none():
    values = [D(10), D(20), D(20), D(30)]
    assert [quartile_of(v, values) for v in values] == [1, 3, 3, 4]
    low_ties = [D(5), D(5), D(5), D(9)]
    assert [quartile_of(v, low_ties) for v in low_ties] == [3, 3, 3, 4]
    same = [D(7)] * 8
    assert quartile_of(D(7), same) is None and no_quartile(same) is NoQuartile.ALL_EQUAL


@given(st.lists(st.integers(min_value=0, max_value=20), min_size=4, max_size=60))
def test_quartiles_follow_the_order_and_fill_each_quarter_at_most_about_a_quarter(numbers):
    values = [D(n) for n in numbers]
    if len(set(values)) == 1:
        assert all(quartile_of(v, values) is None for v in values)
        return
    quartiles = {v: quartile_of(v, values) for v in values}
    ordered = sorted(set(values))
    assert [quartiles[v] for v in ordered] == sorted(quartiles[v] for v in ordered)  # higher value, never a lower quartile
    assert quartiles[max(values)] == 4
    for q in (1, 2, 3, 4):  # with distinct values a quarter holds at most ceil(n / 4) of them
        if len(set(values)) == len(values):
            assert sum(1 for v in values if quartiles[v] == q) <= -(-len(values) // 4)
