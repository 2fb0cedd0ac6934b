"""Merging checked workbooks: rejected, duplicates, conflicts, stable order and exact statistics."""

from __future__ import annotations

import hashlib
import json
import random
import statistics as stdlib_statistics
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from kompass_xlsx.findings import FindingCode, finding
from kompass_xlsx.frameworks import get_framework
from kompass_xlsx.merging import (
    DuplicateReason,
    PopulationClass,
    bands,
    in_result_order,
    merge_json,
    merge_results,
    result_order,
    sort_name,
)
from kompass_xlsx.models import Evaluation
from kompass_xlsx.results import WorkbookResult, with_totals

from workbook_helpers import write_filled

HYPERLINK = '=HYPERLINK("https://example.org","klicka")'


def random_scores(version: str, seed: int) -> dict[str, Decimal]:
    framework = get_framework(version)
    rng = random.Random(seed)
    per_point = int(1 / framework.step)
    return {q.id: Decimal(rng.randint(0, q.max * per_point)) * framework.step for q in framework.questions}


def make(
    version: str,
    municipality: str,
    year: int,
    seed: int,
    path: str,
    sha256: str | None = None,
    workbook_id: str | None = None,
    findings=(),
    scores: dict[str, Decimal] | None = None,
    **identity,
) -> WorkbookResult:
    evaluation = Evaluation(
        framework=version,
        workbook_id=f"id-{path}" if workbook_id is None else workbook_id,
        municipality=municipality,
        year=year,
        scores=random_scores(version, seed) if scores is None else scores,
        **identity,
    )
    return with_totals(get_framework(version), evaluation, path, sha256 or hashlib.sha256(path.encode()).hexdigest(), tuple(findings))


def mixed_results() -> list[WorkbookResult]:
    """Valid, invalid, duplicate and conflicting results over three framework versions."""
    olofstrom = make("2020", "Olofström", 2022, 1, "olofstrom-2022.xlsx", municipality_group="Pendlingskommun", population=13_000, comments={"1.1": HYPERLINK}, evaluators=("=SUM(A1)", "Anna"))
    karlskrona = make("2016", "Karlskrona", 2018, 5, "karlskrona-2018.xlsx", population=66_000, municipality_group="Större stad")
    too_high = finding(FindingCode.SCORE_ABOVE_MAX, sheet="3 Styrning och kontroll", cell="D7", question="3.2", value="40", max=30)
    no_comment = finding(FindingCode.ZERO_WITHOUT_COMMENT, sheet="1 Samspel", cell="D5", question="1.1")
    vara = make("2020", "Vara", 2022, 12, "vara.xlsx", findings=(too_high, no_comment))
    incomplete_scores = random_scores("2020", 13)
    del incomplete_scores["1.1"]
    return [
        olofstrom,
        make("2020", "Åre", 2021, 2, "are-2021.xlsx", municipality_group="pendlingskommun ", population=11_500),
        make("2020", "Ystad", 2023, 3, "ystad-2023.xlsx", municipality_group="Storstad", population=31_000),
        make("2020", "Kalix", 2021, 4, "kalix-2021.xlsx"),
        karlskrona,
        make("2016", "Östersund", 2017, 6, "ostersund-2017.xlsx", population=64_000, municipality_group="Större stad"),
        make("2010", "Kalix", 2012, 7, "kalix-2012.xlsx"),
        # the same file twice, and a re-saved copy of one workbook
        olofstrom.model_copy(update={"path": "x/olofstrom-copy.xlsx"}),
        karlskrona.model_copy(update={"path": "resaved/karlskrona.xlsx", "sha256": "f" * 64}),
        # two different evaluations of Kiruna 2022 (names differ only in case and spacing)
        make("2020", "Kiruna", 2022, 8, "kiruna-a.xlsx"),
        make("2020", " kiruna ", 2022, 9, "kiruna-b.xlsx"),
        # one workbook id, two different contents
        make("2016", "Ludvika", 2019, 10, "ludvika-v1.xlsx", workbook_id="same-id"),
        make("2016", "Ludvika", 2019, 11, "ludvika-v2.xlsx", workbook_id="same-id"),
        # one municipality and year in two framework versions
        make("2020", "Mora", 2020, 14, "mora-2020-new.xlsx"),
        make("2016", "Mora", 2020, 15, "mora-2020-old.xlsx"),
        # rejected: errors, no totals, unreadable, and an invalid file sent twice
        vara,
        vara.model_copy(update={"path": "vara-again.xlsx"}),
        make("2020", "Tomelilla", 2022, 13, "tomelilla.xlsx", scores=incomplete_scores),
        WorkbookResult(path="trasig.xlsx", sha256="", findings=(finding(FindingCode.FILE_UNREADABLE, reason="not a zip file"),)),
    ]


@pytest.fixture(scope="module")
def outcome():
    return merge_results(mixed_results())


def test_exactly_the_valid_unique_unconflicted_evaluations_merge_in_stable_order(outcome):
    assert [(r.framework, r.evaluation.municipality, r.evaluation.year, r.path) for r in outcome.merged] == [
        ("2010", "Kalix", 2012, "kalix-2012.xlsx"),
        ("2016", "Karlskrona", 2018, "karlskrona-2018.xlsx"),
        ("2016", "Östersund", 2017, "ostersund-2017.xlsx"),
        ("2020", "Kalix", 2021, "kalix-2021.xlsx"),
        ("2020", "Olofström", 2022, "olofstrom-2022.xlsx"),
        ("2020", "Ystad", 2023, "ystad-2023.xlsx"),
        ("2020", "Åre", 2021, "are-2021.xlsx"),
    ]
    assert outcome.inputs == 19
    assert outcome.framework_versions == ("2010", "2016", "2020")


def test_rejected_files_keep_every_finding(outcome):
    rejected = [(r.path, [(f.code.value, f.location) for f in r.findings]) for r in outcome.rejected]
    vara = [("SCORE_ABOVE_MAX", "'3 Styrning och kontroll'!D7"), ("ZERO_WITHOUT_COMMENT", "'1 Samspel'!D5")]
    assert rejected == [
        ("tomelilla.xlsx", []),
        ("trasig.xlsx", [("FILE_UNREADABLE", "")]),
        ("vara-again.xlsx", vara),
        ("vara.xlsx", vara),
    ]
    tomelilla = outcome.rejected[0]
    assert tomelilla.total is None and not tomelilla.valid


def test_duplicates_are_merged_once_and_name_the_copy_merged(outcome):
    assert [(d.result.path, d.original.path, d.reason) for d in outcome.duplicates] == [
        ("resaved/karlskrona.xlsx", "karlskrona-2018.xlsx", DuplicateReason.SAME_WORKBOOK),
        ("x/olofstrom-copy.xlsx", "olofstrom-2022.xlsx", DuplicateReason.SAME_FILE),
    ]


def test_conflicts_exclude_every_evaluation_of_the_municipality_and_year(outcome):
    assert [(c.municipality, c.year, [r.path for r in c.results]) for c in outcome.conflicts] == [
        ("Kiruna", 2022, ["kiruna-a.xlsx", "kiruna-b.xlsx"]),
        ("Ludvika", 2019, ["ludvika-v1.xlsx", "ludvika-v2.xlsx"]),
        ("Mora", 2020, ["mora-2020-old.xlsx", "mora-2020-new.xlsx"]),  # version 2016 before 2020
    ]
    in_conflict = {r.path for c in outcome.conflicts for r in c.results}
    counted = {r.path for v in outcome.versions for r in v.evaluations}
    assert not in_conflict & counted
    assert counted == {r.path for r in outcome.merged}


@pytest.mark.parametrize("spelling", ["Kalix\u200b", "Kal\u00adix", "\ufeffKALIX", "Kalix\u00a0", "kalix"])
def test_names_that_look_the_same_are_the_same_municipality(spelling):
    outcome = merge_results([make("2020", "Kalix", 2022, 1, "a.xlsx"), make("2020", spelling, 2022, 2, "b.xlsx")])
    assert outcome.merged == () and [len(c.results) for c in outcome.conflicts] == [2]


def test_the_outcome_does_not_depend_on_input_order(outcome):
    results = mixed_results()
    for seed in range(5):
        random.Random(seed).shuffle(results)
        shuffled = merge_results(results)
        assert shuffled == outcome
        assert json.dumps(merge_json(shuffled)) == json.dumps(merge_json(outcome))


def test_same_file_under_two_paths_keeps_the_first_path_whichever_comes_first():
    a = make("2020", "Mora", 2022, 1, "b/mora.xlsx")
    b = a.model_copy(update={"path": "a/mora.xlsx"})
    for results in ([a, b], [b, a]):
        merged = merge_results(results)
        assert [r.path for r in merged.merged] == ["a/mora.xlsx"]
        assert [(d.result.path, d.original.path) for d in merged.duplicates] == [("b/mora.xlsx", "a/mora.xlsx")]


def test_a_copied_workbook_reused_for_another_municipality_is_not_a_duplicate():
    a = make("2020", "Mora", 2022, 1, "mora.xlsx", workbook_id="copied")
    b = make("2020", "Orsa", 2022, 2, "orsa.xlsx", workbook_id="copied")
    merged = merge_results([a, b])
    assert [r.path for r in merged.merged] == ["mora.xlsx", "orsa.xlsx"]
    assert merged.duplicates == () and merged.conflicts == ()


def test_results_without_a_sha256_are_not_duplicates_of_each_other():
    a = make("2020", "Mora", 2022, 1, "mora.xlsx", sha256="")
    b = make("2020", "Orsa", 2022, 2, "orsa.xlsx", sha256="")
    assert len(merge_results([a, b]).merged) == 2


def exact(values) -> dict[str, Fraction]:
    """Statistics computed independently, with fractions and the standard library."""
    fractions = [Fraction(v) for v in values]
    q1, median, q3 = stdlib_statistics.quantiles(fractions, n=4, method="inclusive") if len(fractions) > 1 else [fractions[0]] * 3
    return {"count": len(fractions), "mean": stdlib_statistics.mean(fractions), "median": median, "minimum": min(fractions), "maximum": max(fractions), "q1": q1, "q3": q3}


def assert_statistics(stats, values) -> None:
    expected = exact(values)
    actual = {"count": stats.count, "mean": Fraction(stats.mean), "median": Fraction(stats.median), "minimum": Fraction(stats.minimum), "maximum": Fraction(stats.maximum), "q1": Fraction(stats.q1), "q3": Fraction(stats.q3)}
    assert actual == expected


def test_statistics_per_version_area_question_and_total_are_exact(outcome):
    for summary in outcome.versions:
        framework = summary.framework
        members = [r for r in mixed_results() if r.path in {m.path for m in summary.evaluations}]
        assert len(members) == summary.overall.count
        for area in framework.areas:
            # area points summed here from the raw scores, not taken from the results
            values = [sum((r.evaluation.scores[q.id] for q in area.questions), Decimal(0)) for r in members]
            assert_statistics(summary.overall.areas[area.number], values)
        for question in framework.questions:
            assert_statistics(summary.overall.questions[question.id], [r.evaluation.scores[question.id] for r in members])
        assert_statistics(summary.overall.total, [sum(r.evaluation.scores.values(), Decimal(0)) for r in members])


def test_statistics_per_year_group_and_population_class(outcome):
    summary = outcome.version("2020")
    by_path = {r.path: r for r in mixed_results()}
    totals = {path: sum(by_path[path].evaluation.scores.values(), Decimal(0)) for path in by_path if by_path[path].valid}

    assert list(summary.by_year) == [2021, 2022, 2023]
    assert_statistics(summary.by_year[2021].total, [totals["kalix-2021.xlsx"], totals["are-2021.xlsx"]])
    assert summary.by_year[2022].count == 1  # Kiruna's two evaluations are in conflict, so not counted

    # groups match ignoring case and spacing and are shown as first spelled; a workbook without a
    # group counts in its municipality's group in the register (Kalix: Landsbygdskommun)
    assert list(summary.by_group) == ["Landsbygdskommun", "Pendlingskommun", "Storstad"]
    assert_statistics(summary.by_group["Landsbygdskommun"].total, [totals["kalix-2021.xlsx"]])
    assert_statistics(summary.by_group["Pendlingskommun"].total, [totals["olofstrom-2022.xlsx"], totals["are-2021.xlsx"]])
    assert list(summary.by_population) == [PopulationClass.FROM_10000, PopulationClass.FROM_25000]
    assert summary.by_population[PopulationClass.FROM_10000].count == 2
    assert_statistics(summary.by_population[PopulationClass.FROM_25000].areas[3], [sum((by_path["ystad-2023.xlsx"].evaluation.scores[q.id] for q in get_framework("2020").area(3).questions), Decimal(0))])

    best = max(totals[r.path] for r in summary.evaluations)
    assert [r.total for r in summary.best] == [best]
    assert sum(band.count for band in summary.total_bands) == 4
    assert [sum(b.count for b in summary.area_bands[n]) for n in range(1, 9)] == [4] * 8


def test_best_result_lists_every_tie():
    scores = random_scores("2020", 1)
    a = make("2020", "Mora", 2022, 0, "mora.xlsx", scores=scores)
    b = make("2020", "Orsa", 2021, 0, "orsa.xlsx", scores=scores)
    c = make("2020", "Rättvik", 2021, 0, "rattvik.xlsx", scores={q: Decimal(0) for q in scores})
    assert [r.path for r in merge_results([c, b, a]).version("2020").best] == ["mora.xlsx", "orsa.xlsx"]


@pytest.mark.parametrize(
    ("population", "size"),
    [
        (0, PopulationClass.UNDER_10000),
        (9_999, PopulationClass.UNDER_10000),
        (10_000, PopulationClass.FROM_10000),
        (24_999, PopulationClass.FROM_10000),
        (25_000, PopulationClass.FROM_25000),
        (49_999, PopulationClass.FROM_25000),
        (50_000, PopulationClass.FROM_50000),
        (99_999, PopulationClass.FROM_50000),
        (100_000, PopulationClass.FROM_100000),
        (975_000, PopulationClass.FROM_100000),
    ],
)
def test_population_classes_have_closed_lower_bounds(population, size):
    assert PopulationClass.of(population) is size


def test_bands_are_tenths_of_the_max_with_the_max_in_the_last():
    counted = bands([Decimal(v) for v in ("0", "9.95", "10", "55.5", "90", "99.9", "100")], 100)
    assert [(b.lower, b.upper, b.count) for b in counted] == [
        (0, 10, 2), (10, 20, 1), (20, 30, 0), (30, 40, 0), (40, 50, 0),
        (50, 60, 1), (60, 70, 0), (70, 80, 0), (80, 90, 0), (90, 100, 3),
    ]
    assert [b.last for b in counted] == [False] * 9 + [True]


def test_municipalities_sort_in_swedish_order():
    names = ["Åre", "Östersund", "Ystad", "Älmhult", "Alingsås", "Zinkgruvan", "älvdalen"]
    assert sorted(names, key=sort_name) == ["Alingsås", "Ystad", "Zinkgruvan", "Åre", "Älmhult", "älvdalen", "Östersund"]


def test_merge_json_has_the_design_shape(outcome):
    data = merge_json(outcome)
    json.dumps(data)  # only JSON types
    assert set(data) == {"evaluations", "rejected", "duplicates", "conflicts"}
    assert data["evaluations"] == [r.to_json_dict(with_findings=False) for r in outcome.merged]
    assert all("findings" not in e for e in data["evaluations"])
    vara = next(r for r in data["rejected"] if r["path"] == "vara.xlsx")
    assert set(vara) == {"path", "findings"}
    assert [(f["code"], f["severity"], f["sheet"], f["cell"]) for f in vara["findings"]] == [
        ("SCORE_ABOVE_MAX", "error", "3 Styrning och kontroll", "D7"),
        ("ZERO_WITHOUT_COMMENT", "warning", "1 Samspel", "D5"),
    ]
    assert data["duplicates"][1] == {"path": "x/olofstrom-copy.xlsx", "sha256": outcome.merged[4].sha256, "duplicate_of": "olofstrom-2022.xlsx", "reason": "same_file"}
    assert [(c["municipality"], c["year"], [e["path"] for e in c["evaluations"]]) for c in data["conflicts"]][0] == ("Kiruna", 2022, ["kiruna-a.xlsx", "kiruna-b.xlsx"])
    karlskrona = data["evaluations"][1]
    assert karlskrona["total"] == str(sum(outcome.merged[1].evaluation.scores.values(), Decimal(0)).normalize())


def test_real_scoring_workbooks_checked_and_merged(tmp_path: Path):
    """Files written by the scoring-form writer, read by the checker, merged: copies and conflicts found by content."""
    checking = pytest.importorskip("kompass_xlsx.checking")
    framework = get_framework("2020")
    a = write_filled(tmp_path / "mora.xlsx", framework, random_scores("2020", 21), municipality="Mora", year=2022, workbook_id="11111111-1111-4111-8111-111111111111")
    (tmp_path / "copy").mkdir()
    copy = tmp_path / "copy" / "mora.xlsx"
    copy.write_bytes(a.read_bytes())
    write_filled(tmp_path / "orsa-1.xlsx", framework, random_scores("2020", 22), municipality="Orsa", year=2022, workbook_id="22222222-2222-4222-8222-222222222222")
    write_filled(tmp_path / "orsa-2.xlsx", framework, random_scores("2020", 23), municipality="Orsa", year=2022, workbook_id="33333333-3333-4333-8333-333333333333")
    (tmp_path / "broken.xlsx").write_bytes(b"not a workbook")
    results = [checking.check_workbook(path) for path in sorted(tmp_path.rglob("*.xlsx"))]
    merged = merge_results(results)
    assert [Path(r.path).name for r in merged.merged] == ["mora.xlsx"]
    assert merged.merged[0].path == str(copy)  # ".../copy/mora.xlsx" sorts before ".../mora.xlsx"
    assert merged.merged[0].sha256 == hashlib.sha256(a.read_bytes()).hexdigest()
    assert [(Path(d.result.path).name, d.reason) for d in merged.duplicates] == [("mora.xlsx", DuplicateReason.SAME_FILE)]
    assert [[Path(r.path).name for r in c.results] for c in merged.conflicts] == [["orsa-1.xlsx", "orsa-2.xlsx"]]
    assert [Path(r.path).name for r in merged.rejected] == ["broken.xlsx"]


def test_results_alike_but_for_their_content_are_ordered_by_it_whatever_the_input_order():
    # same path and SHA-256 (the same file read twice, say by two tool versions) but different scores
    alike = [make("2016", "Åre", 2020, seed, "same.xlsx", sha256="a" * 64, workbook_id="w") for seed in range(6)]
    others = [make("2016", name, 2020, 9, f"{name}.xlsx") for name in ("Öckerö", "Borås", "Ale")]
    expected = sorted(alike + others, key=result_order)
    for seed in range(5):
        shuffled = alike + others
        random.Random(seed).shuffle(shuffled)
        assert in_result_order(shuffled) == expected
