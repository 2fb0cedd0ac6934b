"""`kompass consensus`: several evaluators' workbooks -> one proposed consensus scoring workbook."""

from __future__ import annotations

import math
import random
import statistics as stdlib_statistics
import uuid
from datetime import datetime, timezone
from decimal import Decimal
from fractions import Fraction
from itertools import combinations
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from kompass_xlsx.checking import check_workbook
from kompass_xlsx.cli import cli
from kompass_xlsx.consensus import (
    build_consensus,
    consensus_from_results,
    make_consensus,
    mean_pairwise_difference,
    median_on_step,
    municipality_spelling,
    question_threshold,
    spread,
)
from kompass_xlsx.frameworks import get_framework
from kompass_xlsx.labels import Lang
from kompass_xlsx.layout import FIRST_QUESTION_ROW, META_SHEET, quote_sheet, score_name
from kompass_xlsx.models import Evaluation
from kompass_xlsx.results import with_totals
from kompass_xlsx.scoring import round_half_up
from kompass_xlsx.workbooks.scoring_form import build_scoring_workbook

from workbook_helpers import defined_cell, write_filled

pytestmark = pytest.mark.usefixtures("english")  # these tests assert the English texts

FW = get_framework("2002")  # half points: the even-count median can fall between two allowed scores
FIXED = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
D = Decimal


def base_scores(framework=FW) -> dict[str, Decimal]:
    """Half of each max, on the step, so nobody is at 0 or full marks by accident."""
    return {q.id: round_half_up(D(q.max) / 2 / framework.step) * framework.step for q in framework.questions}


# Two evaluators; everything not listed is equal. Thresholds are 20 % of max: 8, 8, 4, 2, 4.
ANNA = {**base_scores(), "1.1": D(20), "1.2": D(20), "1.3": D(10), "2.1": D(5), "2.2": D(10)}
PER = {**base_scores(), "1.1": D("20.5"), "1.2": D(28), "1.3": D("14.5"), "2.1": D(0), "2.2": D(19)}


def independent(score_sets: list[dict[str, Decimal]], framework=FW, threshold: Decimal | None = None):
    """Proposals, flags and agreement computed another way: Fractions and the standard library."""
    step = Fraction(framework.step)
    proposal, flagged, diffs = {}, {}, {}
    for q in framework.questions:
        values = [Fraction(s[q.id]) for s in score_sets]
        units = stdlib_statistics.median(values) / step
        proposal[q.id] = Decimal(math.floor(units + Fraction(1, 2))) * framework.step
        limit = Fraction(threshold) if threshold is not None else Fraction(q.max, 5)
        flagged[q.id] = max(values) - min(values) > limit
        diffs[q.id] = [abs(a - b) for a, b in combinations(values, 2)]
    areas = {}
    for area in list(framework.areas) + [None]:
        ids = [q.id for q in (area.questions if area else framework.questions)]
        all_diffs = [d for i in ids for d in diffs[i]]
        areas[area.number if area else "all"] = (
            len(ids),
            sum(not flagged[i] for i in ids),
            sum(all_diffs) / len(all_diffs),
        )
    return proposal, flagged, areas


def as_decimal(fraction: Fraction, places: int) -> Decimal:
    return round_half_up(D(fraction.numerator) / D(fraction.denominator), places)


def write_evaluator(tmp_path: Path, name: str | None, scores, framework=FW, **identity) -> Path:
    identity.setdefault("municipality", "Olofström")
    identity.setdefault("year", 2022)
    identity.setdefault("workbook_id", f"id-{name or 'anonymous'}")
    evaluators = (name,) if name else ()
    path = tmp_path / f"{(name or 'anonymous').lower()}.xlsx"
    return write_filled(path, framework, scores, evaluators=evaluators, **identity)


@pytest.fixture
def two(tmp_path) -> list[Path]:
    return [
        write_evaluator(
            tmp_path,
            "Anna",
            ANNA,
            comments={"1.3": "Bra rutiner", "2.1": "Tydlig strategi"},
            strengths={1: "Öppen dialog"},
            improvements={2: "Uppföljning"},
        ),
        write_evaluator(
            tmp_path,
            "Per",
            PER,
            comments={"1.3": "Saknar uppföljning", "2.1": "Ingen strategi finns"},
            strengths={1: "Tillgänglig ledning"},
        ),
    ]


def consensus_of(paths, **options):
    outcome = make_consensus(paths, created=FIXED, workbook_id="consensus-id", **options)
    assert not outcome.refused, outcome.problems
    return outcome


def write_out(outcome, path: Path) -> Path:
    path.write_bytes(outcome.data)
    return path


# --- pure functions ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "step", "expected"),
    [
        (["2", "7", "3"], "0.5", "3"),  # odd count: the middle value
        (["3", "4"], "0.5", "3.5"),  # even: the mean of the middle two, on the step
        (["3", "3.5"], "0.5", "3.5"),  # 3.25 is off the step: half up
        (["1", "2", "3", "3.5"], "0.5", "2.5"),  # 2.5 on the step
        (["3.1", "3.2"], "0.1", "3.2"),  # 3.15 -> 3.2
        (["2.05", "2.1"], "0.05", "2.1"),  # 2.075 -> 2.1
        (["0", "0.5"], "0.5", "0.5"),
    ],
)
def test_median_on_step(values, step, expected):
    assert median_on_step([D(v) for v in values], D(step)) == D(expected)


def test_spread_threshold_and_pairwise_difference():
    assert spread([D(2), D(7), D(3)]) == 5
    assert question_threshold(20) == 4 and question_threshold(12) == D("2.4")
    assert question_threshold(20, D("1.5")) == D("1.5")
    with pytest.raises(ValueError):
        question_threshold(20, D(-1))
    # pairs (2,7)=5 (2,3)=1 (7,3)=4 and (1,1)=0 -> (5+1+4+0+0+0)/6
    assert mean_pairwise_difference([[D(2), D(7), D(3)], [D(1), D(1), D(1)]]) == D(10) / 6


# --- two and three evaluators ----------------------------------------------------------------------


def test_two_evaluators_give_the_expected_proposal_flags_and_agreement(two):
    consensus = consensus_of(two).consensus
    proposal, flagged, areas = independent([ANNA, PER])
    by_id = {q.question.id: q for q in consensus.questions}
    assert {i: q.proposal for i, q in by_id.items()} == proposal
    assert {i: q.flagged for i, q in by_id.items()} == flagged
    # by hand: 20|20.5 -> 20.25 -> 20.5; 10|14.5 -> 12.25 -> 12.5; a spread equal to the threshold is within it
    assert [by_id[i].proposal for i in ("1.1", "1.2", "1.3", "2.1", "2.2")] == [D("20.5"), D(24), D("12.5"), D("2.5"), D("14.5")]
    assert [q.question.id for q in consensus.flagged] == ["1.3", "2.1", "2.2"]
    assert [q.question.id for q in consensus.discussion_order][:6] == ["2.1", "2.2", "1.3", "1.1", "1.2", "2.3"]
    for area in consensus.areas:
        count, within, mad = areas[area.area.number]
        assert (area.agreement.questions, area.agreement.within) == (count, within)
        assert Fraction(area.agreement.mean_difference).limit_denominator(10**6) == mad
    assert (consensus.overall.questions, consensus.overall.within) == (37, 34)
    assert areas["all"][2] == Fraction(27, 37)
    assert round_half_up(consensus.overall.mean_difference, 2) == D("0.73")
    assert round_half_up(consensus.areas[0].agreement.share_within) == 67


def test_three_evaluators_random_scores_match_the_independent_computation(tmp_path):
    per_point = int(1 / FW.step)
    sets = []
    for seed in range(3):
        rng = random.Random(seed)
        sets.append({q.id: D(rng.randint(per_point, (q.max - 1) * per_point)) * FW.step for q in FW.questions})
    sets[0]["3.1"], sets[1]["3.1"], sets[2]["3.1"] = D(2), D(7), D(3)  # median 3, spread 5 <= 6
    paths = [write_evaluator(tmp_path, name, s) for name, s in zip(("Anna", "Per", "Lisa"), sets)]
    consensus = consensus_of(paths).consensus
    proposal, flagged, areas = independent(sets)
    assert {q.question.id: q.proposal for q in consensus.questions} == proposal
    assert {q.question.id: q.flagged for q in consensus.questions} == flagged
    q31 = next(q for q in consensus.questions if q.question.id == "3.1")
    assert (q31.proposal, q31.spread, q31.flagged) == (3, 5, False)
    for area in consensus.areas:
        assert area.agreement.within == areas[area.area.number][1]
        assert as_decimal(Fraction(area.agreement.mean_difference), 6) == as_decimal(areas[area.area.number][2], 6)
    pairs = {(p.first.label, p.second.label): p.mean_difference for p in consensus.pairs}
    for (i, a), (j, b) in combinations(enumerate(("Anna", "Per", "Lisa")), 2):
        expected = sum(abs(Fraction(sets[i][q]) - Fraction(sets[j][q])) for q in FW.questions_by_id) / len(FW.questions)
        assert as_decimal(Fraction(pairs[(a, b)]), 9) == as_decimal(expected, 9)
    ordered = consensus.discussion_order
    shares = [q.spread / q.question.max for q in ordered if q.flagged]
    assert shares == sorted(shares, reverse=True)
    rest = [q.question.id for q in ordered if not q.flagged]
    assert rest == [q.question.id for q in consensus.questions if not q.flagged]


def test_an_absolute_threshold_replaces_the_share_of_max(two):
    consensus = consensus_of(two, threshold=D("0.5")).consensus
    _, flagged, _ = independent([ANNA, PER], threshold=D("0.5"))
    assert {q.question.id: q.flagged for q in consensus.questions} == flagged
    assert [q.question.id for q in consensus.flagged] == ["1.2", "1.3", "2.1", "2.2"]  # 1.1's 0.5 is within


def test_build_consensus_works_on_evaluations_without_files():
    results = [
        with_totals(FW, Evaluation(framework="2002", municipality="Olofström", year=2022, evaluators=(name,), scores=s), f"{name}.xlsx", name * 8)
        for name, s in (("Anna", ANNA), ("Per", PER))
    ]
    consensus = consensus_from_results(results, workbook_id="x")
    assert consensus.evaluation.scores["1.3"] == D("12.5") and consensus.evaluation.workbook_id == "x"
    direct = build_consensus(FW, consensus.sources)
    assert direct.questions == consensus.questions


# --- the workbook ------------------------------------------------------------------------------------


def test_the_consensus_workbook_checks_valid_with_the_proposal(two, tmp_path):
    outcome = consensus_of(two)
    result = check_workbook(write_out(outcome, tmp_path / "consensus.xlsx"))
    proposal, _, _ = independent([ANNA, PER])
    assert result.valid, result.findings
    assert result.evaluation.scores == proposal
    ev = result.evaluation
    assert (ev.municipality, ev.year, ev.framework) == ("Olofström", 2022, "2002")
    assert ev.evaluators == ("Anna", "Per")
    assert ev.workbook_id == "consensus-id"
    assert ev.comments["1.3"] == "Anna: Bra rutiner\nPer: Saknar uppföljning"
    assert ev.strengths == {1: "Anna: Öppen dialog\nPer: Tillgänglig ledning"}
    assert ev.improvements == {2: "Anna: Uppföljning"}


def test_a_fresh_workbook_id_by_default(two):
    outcome = make_consensus(two, created=FIXED)
    workbook_id = outcome.consensus.evaluation.workbook_id
    assert uuid.UUID(workbook_id) and workbook_id not in {"id-Anna", "id-Per"}


def test_the_output_is_reproducible(two):
    assert consensus_of(two).data == consensus_of(two).data


def test_the_form_sheets_are_those_of_kompass_new(two, tmp_path):
    """Extra sheets only: every sheet of the plain form reads the same, cell for cell; names unchanged."""
    outcome = consensus_of(two)
    consensus_path = write_out(outcome, tmp_path / "consensus.xlsx")
    plain_path = tmp_path / "plain.xlsx"
    plain_path.write_bytes(build_scoring_workbook(FW, outcome.consensus.evaluation, Lang.SV, FIXED))
    got, plain = openpyxl.load_workbook(consensus_path), openpyxl.load_workbook(plain_path)
    extra = ["Skillnader", "Styrkor och förbättringar", "Samstämmighet", "Underlag"]
    assert got.sheetnames == plain.sheetnames[:-2] + extra + ["_kommuner", META_SHEET]
    assert dict(got.defined_names).keys() == dict(plain.defined_names).keys()
    for name in plain.defined_names:
        assert got.defined_names[name].attr_text == plain.defined_names[name].attr_text
    for sheet in plain.sheetnames:
        values = {c.coordinate: c.value for row in got[sheet].iter_rows() for c in row if c.value is not None}
        expected = {c.coordinate: c.value for row in plain[sheet].iter_rows() for c in row if c.value is not None}
        if sheet == "Instruktioner":  # one paragraph more, below the unchanged instructions
            added = set(values) - set(expected)
            assert len(added) == 1 and "konsensus" in values[added.pop()]
            values = {k: v for k, v in values.items() if k in expected}
        if sheet == META_SHEET:
            rows = list(got[sheet].iter_rows(values_only=True))
            assert rows[:8] == list(plain[sheet].iter_rows(values_only=True))
            continue
        assert values == expected, sheet
        assert got[sheet].sheet_state == plain[sheet].sheet_state


def test_differences_sheet_lists_the_questions_to_discuss_first(two, tmp_path):
    wb = openpyxl.load_workbook(write_out(consensus_of(two), tmp_path / "c.xlsx"))
    ws = wb["Skillnader"]
    header = [c.value for c in ws[5]]
    assert header == [
        "Fråga", "Frågeställning", "Max", "Diskutera", "Spridning", "Spridning, % av max", "Gräns", "Förslag", "Poäng nu",
        "Anna: poäng", "Anna: kommentar", "Per: poäng", "Per: kommentar",
    ]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=6, max_row=5 + len(FW.questions))]
    assert [r[0] for r in rows[:5]] == ["2.1", "2.2", "1.3", "1.1", "1.2"]
    assert [r[3] for r in rows[:4]] == ["Ja", "Ja", "Ja", None]
    first = rows[0]
    assert first[2:8] == [10, "Ja", 5, 50, 2, 2.5]
    assert first[8] == f"={quote_sheet(FW.area(2).sheet_name)}!$D${FIRST_QUESTION_ROW + 1}"
    assert first[9:] == [5, "Tydlig strategi", 0, "Ingen strategi finns"]
    assert ws["A3"].value == "3 av 37 delfrågor att diskutera."
    rules = [rule for rng in ws.conditional_formatting for rule in rng.rules]
    scale = [rule for rule in rules if rule.type == "colorScale"]
    assert len(scale) == 1 and len(scale[0].colorScale.color) == 3
    spread_range = [str(rng.sqref) for rng in ws.conditional_formatting if scale[0] in rng.rules]
    assert spread_range == [f"E6:E{5 + len(FW.questions)}"]
    assert ws.auto_filter.ref == f"A5:M{5 + len(FW.questions)}"


@pytest.mark.libreoffice
def test_current_score_follows_the_area_sheet(two, tmp_path, libreoffice):
    """The 'score now' column is a formula on the area sheet's score; LibreOffice recalculates it."""
    path = write_out(consensus_of(two), tmp_path / "c.xlsx")
    wb = openpyxl.load_workbook(path)
    defined_cell(wb, score_name("2.1")).value = 4
    wb.save(path)
    converted = libreoffice.convert(path, "xlsx", tmp_path / "lo")
    ws = openpyxl.load_workbook(converted, data_only=True)["Skillnader"]
    assert (ws["A6"].value, ws["H6"].value, ws["I6"].value) == ("2.1", 2.5, 4)
    result = check_workbook(converted)
    assert result.valid and result.evaluation.scores["2.1"] == 4


def test_texts_agreement_and_sources_sheets(two, tmp_path):
    outcome = consensus_of(two)
    wb = openpyxl.load_workbook(write_out(outcome, tmp_path / "c.xlsx"))
    texts = [[c.value for c in row] for row in wb["Styrkor och förbättringar"].iter_rows(min_row=3, max_row=5)]
    assert texts[0] == ["Område", "Rubrik", "Slag", "Anna", "Per"]
    assert texts[1][2:] == ["Styrkor", "Öppen dialog", "Tillgänglig ledning"]
    assert texts[2][2:] == ["Förbättringsområden", None, None]

    agreement = [[c.value for c in row] for row in wb["Samstämmighet"].iter_rows(min_row=4, max_row=13)]
    assert agreement[0][:6] == ["Område", "Rubrik", "Delfrågor", "Inom gränsen", "Andel inom gränsen, %", "Medelavvikelse, poäng"]
    _, _, areas = independent([ANNA, PER])
    for row, number in zip(agreement[1:9], range(1, 9)):
        count, within, mad = areas[number]
        assert row[0] == number and row[2:6] == [count, within, float(as_decimal(Fraction(100 * within, count), 0)), float(as_decimal(mad, 2))]
    total_row = agreement[9]
    assert total_row[1] == "Totalt" and total_row[2:6] == [37, 34, 92, 0.73]
    assert total_row[6:9] == [float(sum(ANNA.values())), float(sum(PER.values())), float(sum(outcome.consensus.evaluation.scores.values()))]

    sources = [[c.value for c in row] for row in wb["Underlag"].iter_rows(min_row=5, max_row=6)]
    sha = [r.sha256 for r in outcome.results]
    assert sources[0][:6] == [1, "Anna", "anna.xlsx", "id-Anna", sha[0], "Anna"]
    assert sources[1][:6] == [2, "Per", "per.xlsx", "id-Per", sha[1], "Per"]

    meta = dict(wb[META_SHEET].iter_rows(values_only=True))
    assert list(meta)[:7] == ["framework", "tool_version", "form_version", "workbook_id", "municipality", "year", "lang"]
    assert meta["workbook_id"] == "consensus-id" and meta["consensus_sources"] == "2" and meta["consensus_threshold"] == "20%"
    assert (meta["source_1_file"], meta["source_1_workbook_id"], meta["source_1_sha256"], meta["source_1_evaluators"]) == ("anna.xlsx", "id-Anna", sha[0], "Anna")
    assert (meta["source_2_file"], meta["source_2_sha256"]) == ("per.xlsx", sha[1])
    assert wb.active.title == "Skillnader"


def test_an_evaluator_editing_a_settled_score_keeps_it_valid(two, tmp_path):
    path = write_out(consensus_of(two), tmp_path / "c.xlsx")
    wb = openpyxl.load_workbook(path)
    defined_cell(wb, score_name("1.3")).value = 13
    defined_cell(wb, score_name("2.2")).value = 11.5
    wb.save(path)
    result = check_workbook(path)
    assert result.valid and (result.evaluation.scores["1.3"], result.evaluation.scores["2.2"]) == (13, D("11.5"))
    defined_cell(wb, score_name("1.3")).value = 21  # over the max: the form still guards the score
    wb.save(path)
    assert [f.code.value for f in check_workbook(path).errors] == ["SCORE_ABOVE_MAX"]


def test_evaluators_without_names_are_known_by_file_name(tmp_path):
    paths = [write_evaluator(tmp_path, None, ANNA, comments={"1.3": "a"}), write_evaluator(tmp_path, "Per", PER, comments={"1.3": "b"})]
    outcome = consensus_of(paths)
    ev = outcome.consensus.evaluation
    assert ev.evaluators == ("anonymous.xlsx", "Per")
    assert ev.comments["1.3"] == "anonymous.xlsx: a\nPer: b"
    assert check_workbook(write_out(outcome, tmp_path / "c.xlsx")).evaluation.evaluators == ("anonymous.xlsx", "Per")


def test_texts_too_long_for_one_cell_are_shortened_with_a_pointer(tmp_path):
    long = "x" * 20000
    paths = [write_evaluator(tmp_path, "Anna", ANNA, comments={"1.1": long}), write_evaluator(tmp_path, "Per", PER, comments={"1.1": long})]
    outcome = consensus_of(paths)
    assert len(outcome.consensus.evaluation.comments["1.1"]) > 32767  # the library keeps the whole text
    result = check_workbook(write_out(outcome, tmp_path / "c.xlsx"))
    comment = result.evaluation.comments["1.1"]
    assert result.valid and len(comment) <= 32767 and comment.endswith('(förkortad; hela texterna finns på bladet "Skillnader")')
    ws = openpyxl.load_workbook(tmp_path / "c.xlsx")["Skillnader"]
    row = next(r for r in ws.iter_rows(min_row=6) if r[0].value == "1.1")
    assert row[10].value == long and row[12].value == long


def test_english_inputs_give_an_english_consensus(tmp_path):
    paths = []
    for name, scores in (("Anna", ANNA), ("Per", PER)):
        evaluation = Evaluation(framework="2002", workbook_id=name, municipality="Olofström", year=2022, evaluators=(name,), scores=scores)
        path = tmp_path / f"{name}.xlsx"
        path.write_bytes(build_scoring_workbook(FW, evaluation, Lang.EN))
        paths.append(path)
    result = CliRunner().invoke(cli, ["consensus", *map(str, paths), "-o", str(tmp_path / "c.xlsx")], catch_exceptions=False)
    assert result.exit_code == 0
    sheets = openpyxl.load_workbook(tmp_path / "c.xlsx").sheetnames
    assert sheets[-6:] == ["Differences", "Strengths and improvements", "Agreement", "Sources", "_kommuner", META_SHEET]


# --- refusals -------------------------------------------------------------------------------------------


def run(*args):
    return CliRunner().invoke(cli, ["consensus", *map(str, args)])


def test_the_cli_writes_the_workbook_and_says_what_to_discuss(two, tmp_path):
    out = tmp_path / "c.xlsx"
    result = CliRunner().invoke(cli, ["consensus", *map(str, two), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.output == (
        f"Wrote {out}: consensus of 2 evaluators, 3 of 37 sub-questions to discuss\n"
        f"Discuss the flagged sub-questions (the sheet Differences), enter the agreed scores on the area sheets, save, then run: kompass check {out}\n"
    )
    assert check_workbook(out).valid
    again = run(*two, "-o", out)
    assert again.exit_code == 2 and "already exists" in again.stderr
    assert run(*two, "-o", out, "--force", "--threshold", "0,5").exit_code == 0
    assert "4 of 37" in run(*two, "-o", out, "--force", "--threshold", "0.5").output


@pytest.mark.parametrize(
    ("field", "values", "shown"),
    [
        ("municipality", ("Olofström", "Karlskrona"), "municipality differs"),
        ("year", (2022, 2023), "year differs"),
    ],
)
def test_different_evaluations_are_refused(tmp_path, field, values, shown):
    a = write_evaluator(tmp_path, "Anna", ANNA, **{field: values[0]})
    b = write_evaluator(tmp_path, "Per", PER, **{field: values[1]})
    result = run(a, b, "-o", tmp_path / "c.xlsx")
    assert result.exit_code == 1
    assert shown in result.stderr
    assert f"{a}: {values[0]}" in result.stderr and f"{b}: {values[1]}" in result.stderr
    assert not (tmp_path / "c.xlsx").exists()


def test_different_framework_versions_are_refused(tmp_path):
    fw2020 = get_framework("2020")
    a = write_evaluator(tmp_path, "Anna", ANNA)
    b = write_evaluator(tmp_path, "Per", base_scores(fw2020), framework=fw2020)
    result = run(a, b, "-o", tmp_path / "c.xlsx")
    assert result.exit_code == 1
    assert f"framework version differs ({a}: 2002, {b}: 2020)" in result.stderr


def test_municipality_is_compared_ignoring_case_and_spacing(tmp_path):
    a = write_evaluator(tmp_path, "Anna", ANNA, municipality="Olofström")
    b = write_evaluator(tmp_path, "Per", PER, municipality="  olofström ")
    outcome = consensus_of([a, b])
    assert outcome.consensus.evaluation.municipality == "Olofström"


@pytest.mark.parametrize(
    ("names", "chosen"),
    [
        ([" olofström ", "OLOFSTRÖM", "Olofström\n"], "Olofström"),
        (["olofström", "olofström", "Olofström"], "olofström"),  # the most common spelling first
        (["Dals  Ed", "dals ed"], "Dals Ed"),
        (["KALIX", "kalix"], "KALIX"),  # no mixed case: the first
    ],
)
def test_the_consensus_spells_the_municipality_as_most_inputs_do_in_mixed_case(names, chosen):
    assert municipality_spelling(names) == chosen


def test_an_invalid_input_is_refused_with_its_errors(two, tmp_path):
    wb = openpyxl.load_workbook(two[1])
    defined_cell(wb, score_name("1.3")).value = None
    defined_cell(wb, score_name("1.1")).value = 41
    wb.save(two[1])
    result = run(*two, "-o", tmp_path / "c.xlsx")
    assert result.exit_code == 1
    area1 = FW.area(1).sheet_name
    assert f"'{area1}'!D5  1.1  error:" in result.stderr and f"'{area1}'!D7  1.3  error:" in result.stderr
    assert f"{two[1]} is not a valid scoring workbook (2 errors); correct it (kompass check {two[1]})" in result.stderr
    assert str(two[0]) not in result.stderr.replace(str(two[1]), "")
    assert not (tmp_path / "c.xlsx").exists()


def test_an_unreadable_input_is_unusable(two, tmp_path):
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a workbook")
    result = run(two[0], junk, "-o", tmp_path / "c.xlsx")
    assert result.exit_code == 2 and "cannot be read" in result.stderr


def test_the_same_file_twice_is_refused(two, tmp_path):
    copy = tmp_path / "copy.xlsx"
    copy.write_bytes(two[0].read_bytes())
    result = run(two[0], copy, "-o", tmp_path / "c.xlsx")
    assert result.exit_code == 1 and "are the same file" in result.stderr


def test_one_evaluators_workbook_saved_again_is_refused(two, tmp_path):
    resaved = tmp_path / "saved-again.xlsx"
    openpyxl.load_workbook(two[0]).save(resaved)  # other bytes, the same evaluator and scores
    result = run(two[0], resaved, two[1], "-o", tmp_path / "c.xlsx")
    assert result.exit_code == 1 and not (tmp_path / "c.xlsx").exists()
    assert f"{two[0]} and {resaved} are the same evaluation by " in result.stderr


def test_a_consensus_beside_one_of_its_sources_is_refused(two, tmp_path):
    made = tmp_path / "made.xlsx"
    assert run(*two, "-o", made).exit_code == 0
    result = run(made, two[1], "-o", tmp_path / "c.xlsx")
    assert result.exit_code == 1 and f"{made} is a consensus made from {two[1]}" in result.stderr


def test_a_result_workbook_as_input_is_unusable(two, tmp_path):
    report = tmp_path / "result.xlsx"
    assert CliRunner().invoke(cli, ["report", str(two[0]), "-o", str(report)]).exit_code == 0
    result = run(report, two[1], "-o", tmp_path / "c.xlsx")
    assert result.exit_code == 2 and f"{report} is not a scoring workbook" in result.stderr


@pytest.mark.parametrize("count", [1, 6])
def test_two_to_five_inputs(tmp_path, count):
    paths = [write_evaluator(tmp_path, f"E{i}", ANNA) for i in range(count)]
    result = run(*paths, "-o", tmp_path / "c.xlsx")
    assert result.exit_code == 2 and "give 2 to 5" in result.stderr


def test_an_input_is_never_the_output(two):
    before = two[1].read_bytes()
    result = run(*two, "-o", two[1], "--force")
    assert result.exit_code == 2 and two[1].read_bytes() == before


def test_a_negative_threshold_is_a_usage_error(two, tmp_path):
    assert run(*two, "-o", tmp_path / "c.xlsx", "--threshold", "-1").exit_code == 2
    assert run(*two, "-o", tmp_path / "c.xlsx", "--threshold", "lots").exit_code == 2


def test_the_same_evaluator_in_two_workbooks_is_a_warning(tmp_path):
    a = write_evaluator(tmp_path, "Anna", ANNA)
    b = write_filled(tmp_path / "anna-v2.xlsx", FW, PER, municipality="Olofström", year=2022, evaluators=("anna",))
    result = run(a, b, "-o", tmp_path / "c.xlsx")
    assert result.exit_code == 0 and "Warning:" in result.stderr and "older copy" in result.stderr
    ev = check_workbook(tmp_path / "c.xlsx").evaluation
    assert ev.evaluators == ("Anna",)
    assert ev.comments == {}


# --- LibreOffice ------------------------------------------------------------------------------------------


@pytest.mark.libreoffice
def test_libreoffice_opens_the_consensus_and_it_still_checks_valid(two, tmp_path, libreoffice):
    outcome = consensus_of(two)
    path = write_out(outcome, tmp_path / "consensus.xlsx")
    converted = libreoffice.convert(path, "xlsx", tmp_path / "lo")
    result = check_workbook(converted)
    assert result.valid, result.findings
    assert result.evaluation.scores == outcome.consensus.evaluation.scores
    assert result.total == sum(outcome.consensus.evaluation.scores.values())
    wb = openpyxl.load_workbook(converted, data_only=True)
    assert {"Skillnader", "Samstämmighet", "Underlag"} <= set(wb.sheetnames)
    assert wb["Skillnader"]["A6"].value == "2.1"


def test_report_and_merge_accept_the_consensus_workbook(two, tmp_path):
    path = write_out(consensus_of(two), tmp_path / "consensus.xlsx")
    report = CliRunner().invoke(cli, ["report", str(path), "-o", str(tmp_path / "result.xlsx")])
    assert report.exit_code == 0, report.output
    merge = CliRunner().invoke(cli, ["merge", str(path), "-o", str(tmp_path / "national.xlsx"), "--no-cache"])
    assert merge.exit_code == 0 and "1 file, 1 merged" in merge.output, merge.output  # English: KOMPASS_LANG=en in this module


def test_a_damaged_form_never_reads_a_score_from_the_differences_sheet(two, tmp_path):
    """With its name and printed id gone, 1.1 is found on the Differences sheet only: an error, not a score."""
    path = write_out(consensus_of(two), tmp_path / "c.xlsx")
    wb = openpyxl.load_workbook(path)
    del wb.defined_names[score_name("1.1")]
    wb[FW.area(1).sheet_name][f"A{FIRST_QUESTION_ROW + 1}"] = None
    wb.save(path)
    result = check_workbook(path)
    assert not result.valid and "1.1" not in result.evaluation.scores
    assert [(f.sheet, f.question) for f in result.errors] == [("Skillnader", "1.1")]


def test_threshold_beyond_any_question_is_a_usage_error(tmp_path):
    from click.testing import CliRunner

    from kompass_xlsx.cli import cli

    from decimal import Decimal

    from kompass_xlsx.frameworks import get_framework
    from workbook_helpers import write_filled

    fw = get_framework("2020")
    inputs = [write_filled(tmp_path / f"{n}.xlsx", fw, {q.id: Decimal(1) for q in fw.questions}, workbook_id=n) for n in "ab"]
    result = CliRunner().invoke(cli, ["consensus", *map(str, inputs), "-o", str(tmp_path / "c.xlsx"), "--threshold", "1e400"])
    assert result.exit_code == 2
    assert "more points than any question has" in result.stderr
    assert not (tmp_path / "c.xlsx").exists()


def test_no_visible_text_reads_as_a_number_outside_an_ignored_range(two, tmp_path):
    """Question ids ("1.1") on the forms' area sheets and on Skillnader are text Excel shows no warning for."""
    from kompass_xlsx.forms import template_bytes

    from test_result_report import number_like_texts_outside_ignored_ranges

    paths = []
    for version in ("2002", "2010", "2016", "2020"):
        paths.append(tmp_path / f"blank-{version}.xlsx")
        paths[-1].write_bytes(template_bytes(version))
    paths.append(tmp_path / "konsensus.xlsx")
    paths[-1].write_bytes(consensus_of(two).data)
    for path in paths:
        book = openpyxl.load_workbook(path)
        hidden = {f"xl/worksheets/sheet{i}.xml" for i, sheet in enumerate(book.worksheets, start=1) if sheet.sheet_state != "visible"}
        found = [cell for cell in number_like_texts_outside_ignored_ranges(path) if cell.split("!")[0] not in hidden]
        assert found == [], path.name
        ids = book[book.sheetnames[3]]
        assert ids.cell(FIRST_QUESTION_ROW + 1, 1).data_type == "s"  # the ids stay text
