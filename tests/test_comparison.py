"""Comparing results with earlier evaluations (lineage across framework versions) and national figures."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kompass_xlsx.comparison import (
    PreviousResult,
    Reason,
    compare,
    compare_all,
    trace_lineage,
    weakest,
)
from kompass_xlsx.errors import KompassError, WorkbookReadError
from kompass_xlsx.frameworks import all_frameworks, get_framework
from kompass_xlsx.models import Comparability, Evaluation
from kompass_xlsx.national import (
    EVALUATION_COLUMNS,
    NationalRow,
    NotNationalWorkbookError,
    compare_with_average,
    national_figures,
    read_national_rows,
    shown_parts,
)
from kompass_xlsx.published import published_evaluations
from kompass_xlsx.results import with_totals
from kompass_xlsx.scoring import compute_totals, round_half_up

from national_helpers import random_rows, write_national
from workbook_helpers import write_filled

PUBLISHED = {e.slug: e for e in published_evaluations()}
FULL, PARTIAL, NONE = Comparability.FULL, Comparability.PARTIAL, Comparability.NONE
D = Decimal


def totals_of(slug):
    evaluation = PUBLISHED[slug]
    totals = compute_totals(get_framework(evaluation.framework), evaluation.scores)
    return {a.number: a.points for a in totals.areas}, totals.total


# --- lineage -------------------------------------------------------------------------------


def test_same_version_is_fully_comparable_area_for_area():
    fw = get_framework("2020")
    for area in fw.areas:
        lineage = trace_lineage(fw, area.number, "2020")
        assert (lineage.from_areas, lineage.comparability, lineage.notes) == ((area.number,), FULL, ())


def test_lineage_2020_to_2016_is_read_from_the_framework_file():
    fw = get_framework("2020")
    traced = {n: trace_lineage(fw, n, "2016") for n in range(1, 9)}
    assert {n: t.from_areas for n, t in traced.items()} == {1: (1,), 2: (8,), 3: (3,), 4: (5,), 5: (2,), 6: (7,), 7: (6,), 8: (4, 6)}
    assert all(t.comparability is PARTIAL for t in traced.values())
    assert traced[2].notes == (fw.area(2).lineage.note,)


def test_lineage_follows_every_version_between_and_keeps_the_weakest_verdict():
    fw = get_framework("2020")
    # 2020 area 6 continues 2016 area 7 (partial), which 2016 marks as not comparable with 2010 area 7.
    to_2010 = trace_lineage(fw, 6, "2010")
    assert to_2010.from_areas == (7,)
    assert to_2010.comparability is NONE
    assert to_2010.notes == (fw.area(6).lineage.note, get_framework("2016").area(7).lineage.note)
    to_2002 = trace_lineage(fw, 1, "2002")
    assert to_2002.from_areas == (1,)
    assert to_2002.comparability is PARTIAL
    assert len(to_2002.notes) == 3  # 2020 -> 2016 -> 2010 -> 2002
    assert trace_lineage(fw, 8, "2002").from_areas == (4, 6)


def test_a_later_version_is_not_an_earlier_one():
    lineage = trace_lineage(get_framework("2016"), 1, "2020")
    assert not lineage.reachable and lineage.from_areas == () and lineage.comparability is NONE


def test_weakest_verdict():
    assert weakest([FULL, PARTIAL, FULL]) is PARTIAL
    assert weakest([PARTIAL, NONE]) is NONE
    assert weakest([]) is FULL


# --- comparisons ---------------------------------------------------------------------------


def test_karlskoga_2007_against_its_2003_figures_gives_the_differences_the_report_prints():
    karlskoga = PUBLISHED["Karlskoga-2007"]
    points, total = totals_of("Karlskoga-2007")
    (earlier,) = karlskoga.earlier
    comparison = compare(get_framework("2002"), points, total, PreviousResult.from_earlier(earlier, "Karlskoga"))
    # Seed text, section 3: "En förbättring med 18 poäng", "11 poäng", "3 poäng", "4,5 poäng", "hela 25 poäng",
    # "19,5 poäng", "21 poäng", "9 poäng" in areas 1..8.
    printed = {1: D(18), 2: D(11), 3: D(3), 4: D("4.5"), 5: D(25), 6: D("19.5"), 7: D(21), 8: D(9)}
    assert {row.number: row.difference for row in comparison.areas} == printed
    assert all(row.comparability is FULL and row.reason is Reason.SAME_VERSION for row in comparison.areas)
    assert (comparison.total.points, comparison.total.earlier_points, comparison.total.difference) == (D("457.5"), D("346.5"), D(111))
    assert comparison.total.comparability is FULL


def olofstrom_2017(**areas):
    """A 2017 result under the 2016 framework, with made-up area figures 41..48 unless given."""
    figures = {n: D(40 + n) for n in range(1, 9)} | {int(k[1:]): v for k, v in areas.items()}
    return PreviousResult(municipality="Olofström", year=2017, framework="2016", total=D(392), areas=figures, source="olofstrom-2017.xlsx")


def test_olofstrom_2022_against_a_2017_result_under_2016_follows_lineage_and_refuses_the_total():
    points, total = totals_of("Olofström-2022")
    fw = get_framework("2020")
    comparison = compare(fw, points, total, olofstrom_2017())
    assert not comparison.same_version
    assert comparison.total.comparability is NONE
    assert comparison.total.reason is Reason.VERSION_CHANGED
    assert comparison.total.earlier_points == D(392) and comparison.total.difference is None
    by_area = {row.number: row for row in comparison.areas}
    # 2020 area 2 "Samhällsutveckling" continues 2016 area 8: partly comparable, with the lineage note.
    assert by_area[2].earlier_areas == (8,) and by_area[2].earlier_points == D(48)
    assert by_area[2].difference == points[2] - D(48)
    assert (by_area[2].comparability, by_area[2].reason, by_area[2].notes) == (PARTIAL, Reason.LINEAGE, (fw.area(2).lineage.note,))
    # 2020 area 8 draws on 2016 areas 4 and 6: no number is made up.
    assert by_area[8].earlier_areas == (4, 6)
    assert (by_area[8].earlier_points, by_area[8].difference, by_area[8].comparability) == (None, None, NONE)
    assert by_area[8].reason is Reason.SEVERAL_AREAS
    for number in range(1, 8):
        assert by_area[number].comparability is PARTIAL and by_area[number].difference is not None
        assert comparison.chart_points(number) == by_area[number].earlier_points
    assert comparison.chart_points(8) is None


def test_olofstrom_published_2017_total_only_gives_no_area_figures():
    olofstrom = PUBLISHED["Olofström-2022"]
    points, total = totals_of("Olofström-2022")
    (earlier,) = olofstrom.earlier
    comparison = compare(get_framework("2020"), points, total, PreviousResult.from_earlier(earlier, "Olofström"))
    assert [row.reason for row in comparison.areas] == [Reason.NO_FIGURE] * 7 + [Reason.SEVERAL_AREAS]
    assert all(row.earlier_points is None and row.difference is None for row in comparison.areas)
    assert (comparison.total.earlier_points, comparison.total.comparability) == (D(392), NONE)


def test_an_area_that_is_not_comparable_along_the_chain_shows_its_figure_without_a_difference():
    points = {n: D(50) for n in range(1, 9)}
    earlier = PreviousResult(year=2012, framework="2010", total=D(400), areas={n: D(50) for n in range(1, 9)})
    row = compare(get_framework("2020"), points, D(400), earlier).area(6)
    assert (row.earlier_areas, row.earlier_points, row.difference, row.comparability) == ((7,), D(50), None, NONE)


def test_differences_are_exact_decimals_on_fine_steps():
    fw = get_framework("2010")  # step 0.05
    points = {n: D("48.35") + n for n in range(1, 9)}
    total = sum(points.values())
    earlier = PreviousResult(year=2011, framework="2010", total=D("400.1"), areas={n: D("40.1") for n in range(1, 9)})
    comparison = compare(fw, points, total, earlier)
    assert [row.difference for row in comparison.areas] == [D("8.25") + n for n in range(1, 9)]
    assert comparison.total.difference == total - D("400.1")
    assert all(type(row.difference) is Decimal for row in comparison.areas)


def test_every_difference_comes_from_exactly_one_comparable_earlier_area():
    """For every pair of versions: a difference only where one earlier area matches at least partly."""
    frameworks = all_frameworks()
    for current in frameworks.values():
        points = {n: D(60) for n in range(1, 9)}
        for earlier_version in frameworks:
            earlier = PreviousResult(year=2000, framework=earlier_version, total=D(320), areas={n: D(40) for n in range(1, 9)})
            comparison = compare(current, points, D(480), earlier)
            for row in comparison.areas:
                if row.difference is not None:
                    assert len(row.earlier_areas) == 1 and row.comparability is not NONE
                    assert row.difference == D(20)
                if len(row.earlier_areas) != 1:
                    assert row.earlier_points is None and row.comparability is NONE
            assert (comparison.total.difference is None) == (earlier_version != current.id)


def test_a_later_version_given_as_previous_matches_nothing():
    points = {n: D(50) for n in range(1, 9)}
    later = PreviousResult(year=2023, framework="2020", total=D(400), areas=points)
    comparison = compare(get_framework("2016"), points, D(400), later)
    assert {row.reason for row in comparison.areas} == {Reason.NOT_EARLIER}
    assert all(row.earlier_points is None for row in comparison.areas)


def test_compare_all_orders_the_earlier_evaluations_by_year():
    points = {n: D(50) for n in range(1, 9)}
    earlier = [PreviousResult(year=year, framework="2020", total=D(400), areas=points) for year in (2023, 2021, 2022)]
    assert [c.previous.year for c in compare_all(get_framework("2020"), points, D(400), earlier)] == [2021, 2022, 2023]


def test_previous_result_from_a_checked_workbook():
    published = PUBLISHED["Karlskoga-2007"]
    fw = get_framework("2002")
    evaluation = Evaluation(framework="2002", workbook_id="id-1", municipality="Karlskoga", year=2007, scores=published.scores)
    previous = PreviousResult.from_workbook_result(with_totals(fw, evaluation, "/tmp/karlskoga-2007.xlsx", "ab" * 32))
    assert (previous.label, previous.framework, previous.total, previous.source) == ("Karlskoga 2007", "2002", D("457.5"), "karlskoga-2007.xlsx")
    assert previous.areas == published.published_area_totals
    incomplete = Evaluation(framework="2002", municipality="Karlskoga", year=2007, scores={"1.1": D(3)})
    with pytest.raises(KompassError, match="not a valid evaluation"):
        PreviousResult.from_workbook_result(with_totals(fw, incomplete, "x.xlsx", ""))


# --- national figures ----------------------------------------------------------------------


def test_national_figures_are_exact_statistics_of_one_version():
    fw = get_framework("2020")
    rows = random_rows(fw, 9, seed=1) + random_rows(get_framework("2016"), 4, seed=2)
    figures = national_figures(rows, "2020")
    mine = [r for r in rows if r.framework == "2020"]
    assert figures.count == 9
    assert figures.total.mean == sum(r.total for r in mine) / 9
    assert figures.areas[3].maximum == max(r.areas[3] for r in mine)
    assert figures.best.total == max(r.total for r in mine)
    group = figures.group("  pendlingskommun ")
    members = [r for r in mine if r.municipality_group == "Pendlingskommun"]
    assert group.count == len(members) == 5
    assert group.total == sum(r.total for r in members) / 5
    assert figures.group("Okänd grupp") is None and figures.group(None) is None


def test_position_and_quartile_count_the_result_once():
    fw = get_framework("2020")
    rows = random_rows(fw, 8, seed=3)
    figures = national_figures(rows, "2020")
    best = max(rows, key=lambda r: r.total)
    assert figures.position(best.total, best) == (1, 8)  # a row: counted once
    assert figures.quartile(best.total, best) == 4
    lowest = min(rows, key=lambda r: r.total)
    areas = dict(lowest.areas) | {1: lowest.areas[1] - 1}
    other = lowest.model_copy(update={"workbook_id": "another-id", "areas": areas, "total": lowest.total - 1})
    assert figures.position(other.total, other) == (9, 9)  # not a row: counted in
    assert figures.quartile(other.total, other) == 1


def test_a_row_that_only_shares_the_workbook_id_is_another_evaluation():
    fw = get_framework("2020")
    rows = random_rows(fw, 8, seed=3)
    figures = national_figures(rows, "2020")
    row = rows[2]
    assert figures.row_of(row) == row and figures.other_with_id(row) is None
    spelled = row.model_copy(update={"municipality": f"  {row.municipality.upper()} "})
    assert figures.includes(spelled)  # name compared as name_key does
    for change in ({"year": row.year + 1}, {"municipality": "Annanby"}, {"total": row.total + 1, "areas": row.areas | {1: row.areas[1] + 1}}):
        copied = row.model_copy(update=change)  # a workbook copied to start another evaluation, or changed since
        assert not figures.includes(copied) and figures.other_with_id(copied) == row
        assert figures.position(copied.total, copied)[1] == 9


def test_shown_averages_add_up_to_the_shown_total():
    parts = {1: D(1) / 3, 2: D(1) / 3, 3: D(1) / 3, 4: D("10.25"), 5: D("0.05")}
    shown, total = shown_parts(parts)
    assert sum(shown.values()) == total == round_half_up(sum(parts.values()), 1)
    figures = national_figures(random_rows(get_framework("2010"), 7, seed=4), "2010")
    shown, total = figures.shown_means()
    assert sum(shown.values()) == total
    rows = compare_with_average({n: D(50) for n in range(1, 9)}, D(400), {n: s.mean for n, s in figures.areas.items()})
    assert all(row.points - row.average == row.difference for row in rows)
    assert rows[-1].number is None and rows[-1].average == total


def test_shown_total_is_the_mean_of_the_totals_rounded_once():
    """Areas whose means end in 5 in the second decimal: the shown total is the exact mean of the
    totals rounded once, and the shown areas are rounded so that they add up to it."""
    rows = [
        NationalRow(framework="2020", municipality=f"K{i}", year=2022, total=sum(areas.values(), D(0)), areas=areas)
        for i, areas in enumerate([{n: D(n) for n in range(1, 9)} | {1: D("10.5"), 2: D("20.5"), 3: D("30.5")},
                                   {n: D(n) for n in range(1, 9)}])
    ]
    figures = national_figures(rows, "2020")
    shown, total = figures.shown_means()
    assert total == round_half_up(figures.total.mean, 1)
    assert sum(shown.values()) == total
    rows = compare_with_average({n: D(50) for n in range(1, 9)}, D(400), {n: s.mean for n, s in figures.areas.items()}, figures.total.mean)
    assert rows[-1].average == total and [r.average for r in rows[:-1]] == [shown[n] for n in range(1, 9)]


def test_no_quartile_with_too_few_evaluations_or_all_equal():
    fw = get_framework("2020")
    rows = random_rows(fw, 3, seed=12)
    figures = national_figures(rows, "2020")
    not_a_row = rows[0].model_copy(update={"workbook_id": "not-a-row", "municipality": "Annanby"})
    assert figures.quartile(rows[0].total, rows[0]) is None  # three evaluations
    assert figures.no_quartile(rows[0].total, rows[0]).value == "too_few"
    assert figures.quartile(D(1), not_a_row) == 1  # counted in, there are four
    same = [r.model_copy(update={"areas": r.areas | {1: D(10), 2: r.areas[2] + r.areas[1] - D(10)}}) for r in random_rows(fw, 6, seed=13)]
    figures = national_figures(same, "2020")
    assert figures.quartile(D(10), same[0], area=1) is None
    assert figures.no_quartile(D(10), same[0], area=1).value == "all_equal"
    assert figures.quartile(D(11), not_a_row, area=1) == 4  # not equal to the others any more


def test_groups_are_matched_as_the_national_summary_groups_them():
    rows = random_rows(get_framework("2020"), 4, seed=14, groups=("Pendlingskommun", " pendlingskommun ", "Storstad", "PENDLINGSKOMMUN"))
    figures = national_figures(rows, "2020")
    assert sorted(figures.groups) == ["Pendlingskommun", "Storstad"]
    group = figures.group("pendlingskommun")
    assert group.count == 3 and group.total == sum(rows[i].total for i in (0, 1, 3)) / 3


def test_no_evaluation_of_the_version_is_an_error(english):
    rows = random_rows(get_framework("2016"), 3, seed=5)
    with pytest.raises(KompassError, match="no evaluation of framework 2020; it holds evaluations of version\\(s\\) 2016"):
        national_figures(rows, "2020")


def test_a_national_row_must_add_up():
    with pytest.raises(ValueError, match="not the sum of the area points"):
        NationalRow(framework="2020", municipality="X", year=2022, total=D(1), areas={n: D(1) for n in range(1, 9)})
    with pytest.raises(ValueError, match="areas 1..8"):
        NationalRow(framework="2020", municipality="X", year=2022, total=D(1), areas={1: D(1)})


def test_national_rows_round_trip_through_the_hidden_sheet(tmp_path):
    rows = random_rows(get_framework("2020"), 6, seed=6) + random_rows(get_framework("2010"), 3, seed=7, groups=())
    path = write_national(tmp_path / "national.xlsx", rows)
    assert read_national_rows(path) == rows


def test_reading_a_scoring_workbook_as_national_summary_says_what_it_is(tmp_path, english):
    scoring = write_filled(tmp_path / "scoring.xlsx", get_framework("2020"), {})
    with pytest.raises(NotNationalWorkbookError, match="not a national summary workbook"):
        read_national_rows(scoring)
    assert issubclass(NotNationalWorkbookError, KompassError)
    with pytest.raises(WorkbookReadError):
        read_national_rows(tmp_path / "missing.xlsx")


def test_a_malformed_national_sheet_names_the_problem(tmp_path, english):
    rows = random_rows(get_framework("2020"), 2, seed=8)
    no_total = write_national(tmp_path / "no-total.xlsx", rows, header=tuple(c if c != "total" else "sum" for c in EVALUATION_COLUMNS))
    with pytest.raises(NotNationalWorkbookError, match="lacks the column\\(s\\) total"):
        read_national_rows(no_total)
    bad = rows[1].model_copy(update={"municipality": ""})
    path = write_national(tmp_path / "bad.xlsx", [rows[0], bad])
    with pytest.raises(NotNationalWorkbookError, match="_evaluations row 3: municipality"):
        read_national_rows(path)
