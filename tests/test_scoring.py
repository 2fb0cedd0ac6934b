from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kompass_xlsx.errors import IncompleteScoresError
from kompass_xlsx.frameworks import get_framework
from kompass_xlsx.scoring import (
    compute_totals,
    is_on_step,
    missing_scores,
    percent,
    points_text,
    round_half_up,
    round_parts,
    to_decimal,
)

exact_points = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [("2.5", 0, "3"), ("3.5", 0, "4"), ("0.45", 1, "0.5"), ("-2.5", 0, "-3"), ("48.49", 0, "48")],
)
def test_round_half_up_rounds_halves_away_from_zero(value, places, expected):
    assert round_half_up(Decimal(value), places) == Decimal(expected)


def test_round_parts_keeps_a_table_adding_up():
    # Three thirds of 100: rounding each gives 33+33+33 = 99, but the shown total is 100.
    third = Decimal(100) / 3
    assert round_parts([third, third, third]) == [Decimal(34), Decimal(33), Decimal(33)]


@given(st.lists(exact_points, min_size=1, max_size=12), st.integers(min_value=0, max_value=2))
def test_round_parts_add_up_and_stay_within_one_unit(parts, places):
    rounded = round_parts(parts, places)
    unit = Decimal(1).scaleb(-places)
    assert sum(rounded) == round_half_up(sum(parts), places)
    assert all(abs(r - p) < unit for r, p in zip(rounded, parts))


@pytest.mark.parametrize(
    ("value", "step", "on_step"),
    [("2.5", "0.5", True), ("2.25", "0.5", False), ("7.7", "0.1", True), ("7.75", "0.1", False), ("0", "0.5", True)],
)
def test_is_on_step(value, step, on_step):
    assert is_on_step(Decimal(value), Decimal(step)) is on_step


def test_points_text_is_plain_and_exact():
    assert [points_text(Decimal(v)) for v in ("100", "48.50", "457.5", "0.0", "1E+2")] == [
        "100",
        "48.5",
        "457.5",
        "0",
        "100",
    ]


def test_to_decimal_refuses_floats_and_garbage():
    assert to_decimal("5.5") == Decimal("5.5")
    with pytest.raises(TypeError):
        to_decimal(5.5)
    with pytest.raises(ValueError):
        to_decimal("ca 5")
    with pytest.raises(ValueError):
        to_decimal("NaN")


def test_percent_is_exact():
    assert percent(Decimal("13.5"), 30) == Decimal(45)
    assert percent(Decimal("457.5"), 800) == Decimal("57.1875")


def test_compute_totals_sums_every_area_exactly():
    framework = get_framework("2002")
    scores = {q.id: Decimal(q.max) / 2 for q in framework.questions}
    totals = compute_totals(framework, scores)
    assert [a.points for a in totals.areas] == [Decimal(50)] * 8
    assert totals.total == Decimal(400)
    assert totals.percent == Decimal(50)


def test_compute_totals_refuses_incomplete_scores():
    framework = get_framework("2002")
    scores = {q.id: Decimal(0) for q in framework.questions[1:]}
    assert missing_scores(framework, scores) == [framework.questions[0].id]
    with pytest.raises(IncompleteScoresError, match="1.1"):
        compute_totals(framework, scores)


@given(st.data())
def test_total_is_the_sum_of_area_totals_for_any_scores(data):
    framework = get_framework("2002")
    half_points = {q.id: data.draw(st.integers(min_value=0, max_value=q.max * 2)) for q in framework.questions}
    scores = {qid: Decimal(n) / 2 for qid, n in half_points.items()}
    totals = compute_totals(framework, scores)
    assert totals.total == sum(scores.values())
    assert totals.total == sum(a.points for a in totals.areas)
