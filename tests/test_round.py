"""A round from a plan: kompass plan-template, kompass new --plan, kompass status."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from kompass_xlsx.checking import check_workbook, workbook_meta
from kompass_xlsx.cli import cli
from kompass_xlsx.frameworks import get_framework
from kompass_xlsx.messages import say, set_language
from kompass_xlsx.plan import file_stem, folded

from workbook_helpers import write_filled

FW = get_framework("2020")
MUNICIPALITIES = ["Kalix", "Östersund", "Luleå", "Åre", "Malmö", "Göteborg", "Härnösand", "Umeå", "Ängelholm", "Örebro", "Skövde", "Värnamo"]
EVALUATORS = ["Anna Berg", "Per Ek", "Åsa Öberg-Ståhl"]


def invoke(*args: str, env: dict | None = None):
    return CliRunner().invoke(cli, list(args), env={"KOMPASS_LANG": None, **(env or {})})


def write_plan_csv(path: Path, rows: list[tuple[str, str, str, str]]) -> Path:
    lines = ["Kommun;År;Ramverk;Utvärderare"] + [";".join(f'"{cell}"' for cell in row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_file_names_fold_swedish_letters_to_plain_lower_case():
    assert folded("Håkan Öberg-Ståhl") == "hakan-oberg-stahl"
    assert folded("  Ängelholm ") == "angelholm"
    assert folded("Jørgen Ærø") == "jorgen-aero"
    assert file_stem("Kalix", 2024, "Förnamn Efternamn") == "kalix-2024-fornamn-efternamn"
    assert file_stem("Borås", 2024) == "boras-2024"
    assert folded('a<b>c:"d/e\\f|g?h*i') == "a-b-c-d-e-f-g-h-i"  # nothing Windows forbids


def test_a_12_row_plan_writes_36_workbooks_with_unique_ids_and_natural_names(tmp_path):
    rows = [(name, "2024", "", "; ".join(EVALUATORS)) for name in MUNICIPALITIES]
    plan = write_plan_csv(tmp_path / "plan.csv", rows)
    result = invoke("new", "--plan", str(plan), "-o", str(tmp_path / "omgang"))
    assert result.exit_code == 0, result.output
    assert f"Skrev 36 poängböcker för 12 utvärderingar i {tmp_path / 'omgang'}:" in result.output
    written = sorted(p.name for p in (tmp_path / "omgang").iterdir())
    expected = sorted(f"{folded(m)}-2024-{folded(e)}.xlsx" for m in MUNICIPALITIES for e in EVALUATORS)
    assert written == expected
    assert "ostersund-2024-asa-oberg-stahl.xlsx" in written and "angelholm-2024-anna-berg.xlsx" in written
    ids = set()
    for name in written:
        path = tmp_path / "omgang" / name
        meta = workbook_meta(path)
        ids.add(meta["workbook_id"])
        evaluation = check_workbook(path).evaluation
        assert evaluation.framework == "2020" and evaluation.year == 2024
        assert len(evaluation.evaluators) == 1 and folded(evaluation.evaluators[0]) in name
    assert len(ids) == 36


def test_a_plan_workbook_from_plan_template_is_read(tmp_path):
    plan = tmp_path / "plan.xlsx"
    assert invoke("plan-template", "-o", str(plan)).exit_code == 0
    workbook = openpyxl.load_workbook(plan)
    sheet = workbook["Plan"]
    assert [c.value for c in sheet[1]] == ["Kommun", "År", "Ramverk", "Utvärderare"]
    validations = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    assert validations["B2:B501"].type == "whole" and validations["C2:C501"].type == "list"
    sheet.append(["Kalix", 2012, None, "Anna Berg;Per Ek"])
    sheet.append([None, None, None, None])  # an empty row still counts
    sheet.append(["Kiruna", 2024, "2016", "Lisa Holm"])
    workbook.save(plan)
    result = invoke("new", "--plan", str(plan), "-o", str(tmp_path / "ut"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "ut").iterdir()) == [
        "kalix-2012-anna-berg.xlsx", "kalix-2012-per-ek.xlsx", "kiruna-2024-lisa-holm.xlsx"
    ]
    assert check_workbook(tmp_path / "ut" / "kalix-2012-per-ek.xlsx").evaluation.framework == "2010"  # in use in 2012
    assert check_workbook(tmp_path / "ut" / "kiruna-2024-lisa-holm.xlsx").evaluation.framework == "2016"  # as planned


def test_a_plan_with_one_bad_row_writes_nothing_and_names_the_row(tmp_path):
    rows = [(name, "2024", "", "Anna Berg; Per Ek") for name in MUNICIPALITIES[:5]]
    rows[3] = ("Åre", "12/3/2024", "", "Anna Berg; Per Ek")  # row 5 of the file
    plan = write_plan_csv(tmp_path / "plan.csv", rows)
    result = invoke("new", "--plan", str(plan), "-o", str(tmp_path / "omgang"))
    assert result.exit_code == 1
    assert not (tmp_path / "omgang").exists()
    problem = say("plan_row", row=5, problem=say("plan_year_invalid", value="12/3/2024"))
    assert problem in result.stderr
    assert f"Fel: planen {plan} kan inte användas (1 fel); ingenting skrevs:" in result.stderr
    assert "rad 5: '12/3/2024' är inget årtal" in result.stderr


@pytest.mark.parametrize(
    "row, message",
    [
        (("", "2024", "", "Anna Berg"), ("plan_municipality_missing", {})),
        (("Kalix", "2024", "2019", "Anna Berg"), ("plan_framework_unknown", {"value": "2019", "known": "2002, 2010, 2016, 2020"})),
        (("Kalix", "2024", "", ""), ("plan_evaluators_missing", {})),
        (("Kalix", "2024", "", "Berg, Anna"), ("plan_evaluator_comma", {"name": "Berg, Anna"})),
        (("Kalix", "2024", "", "Anna Berg; anna berg"), ("plan_evaluator_twice", {"name": "anna berg"})),
    ],
)
def test_each_kind_of_bad_row_is_named(tmp_path, row, message):
    plan = write_plan_csv(tmp_path / "plan.csv", [("Luleå", "2024", "", "Per Ek"), row])
    result = invoke("new", "--plan", str(plan), "-o", str(tmp_path / "omgang"))
    assert result.exit_code == 1
    set_language("sv")
    try:
        assert say("plan_row", row=3, problem=say(message[0], **message[1])) in result.stderr
    finally:
        set_language(None)
    assert not (tmp_path / "omgang").exists()


def test_the_same_evaluation_twice_and_existing_files_are_refused_before_writing(tmp_path):
    plan = write_plan_csv(tmp_path / "plan.csv", [("Kalix", "2024", "", "Per Ek"), ("kalix", "2024", "", "Per Ek")])
    result = invoke("new", "--plan", str(plan), "-o", str(tmp_path / "a"))
    assert result.exit_code == 1 and "rad 3: filen kalix-2024-per-ek.xlsx kommer redan från rad 2" in result.stderr
    plan = write_plan_csv(tmp_path / "plan.csv", [("Kalix", "2024", "", "Per Ek; Anna Berg")])
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "kalix-2024-anna-berg.xlsx").write_bytes(b"returned")
    result = invoke("new", "--plan", str(plan), "-o", str(tmp_path / "b"))
    assert result.exit_code == 1 and "--force" in result.stderr
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == ["kalix-2024-anna-berg.xlsx"]
    assert (tmp_path / "b" / "kalix-2024-anna-berg.xlsx").read_bytes() == b"returned"


def test_a_plan_without_the_needed_columns_says_which(tmp_path):
    plan = tmp_path / "plan.csv"
    plan.write_text("Kommun,Year\nKalix,2024\n", encoding="utf-8")
    result = invoke("new", "--plan", str(plan), "-o", str(tmp_path / "x"))
    assert result.exit_code == 1
    assert "rubrikraden (rad 1) saknar Utvärderare" in result.stderr


# --- status ---------------------------------------------------------------------------------------


def complete_scores(framework=FW, bump: Decimal = Decimal(0)) -> dict[str, Decimal]:
    return {q.id: min(Decimal(q.max), Decimal(q.max) / 2 + bump) for q in framework.questions}


def evaluator_workbook(folder: Path, municipality: str, name: str, scores: dict, year: int = 2024) -> Path:
    number = abs(hash((municipality, name))) % 10**12
    return write_filled(
        folder / f"{file_stem(municipality, year, name)}.xlsx", FW, scores, municipality=municipality, year=year,
        evaluators=(name,), workbook_id=f"00000000-0000-4000-8000-{number:012d}",
    )


@pytest.fixture
def mixed_round(tmp_path) -> tuple[Path, Path]:
    """A folder with each state: missing, not started, incomplete, invalid, complete, consensus made."""
    folder = tmp_path / "omgang"
    folder.mkdir()
    plan = write_plan_csv(
        tmp_path / "plan.csv",
        [
            ("Kalix", "2024", "", "Anna Berg; Per Ek; Lisa Holm"),  # complete, incomplete, missing
            ("Luleå", "2024", "", "Anna Berg; Per Ek"),  # both complete: make the consensus
            ("Boden", "2024", "", "Anna Berg; Per Ek"),  # one invalid, one not started
            ("Piteå", "2024", "", "Anna Berg; Per Ek"),  # consensus made
            ("Kiruna", "2024", "", "Anna Berg"),  # one evaluator, complete: the report
        ],
    )
    evaluator_workbook(folder, "Kalix", "Anna Berg", complete_scores())
    incomplete = {q: s for q, s in complete_scores().items() if not q.startswith("3.") and q != "7.1"}
    evaluator_workbook(folder, "Kalix", "Per Ek", incomplete)
    evaluator_workbook(folder, "Luleå", "Anna Berg", complete_scores())
    evaluator_workbook(folder, "Luleå", "Per Ek", complete_scores(bump=Decimal(1)))
    invalid = complete_scores()
    invalid["1.1"] = Decimal(FW.areas[0].questions[0].max + 5)
    evaluator_workbook(folder, "Boden", "Anna Berg", invalid)
    evaluator_workbook(folder, "Boden", "Per Ek", {})
    a = evaluator_workbook(folder, "Piteå", "Anna Berg", complete_scores())
    b = evaluator_workbook(folder, "Piteå", "Per Ek", complete_scores(bump=Decimal(1)))
    made = invoke("consensus", str(a), str(b), "-o", str(folder / "pitea-2024-konsensus.xlsx"))
    assert made.exit_code == 0, made.output
    evaluator_workbook(folder, "Kiruna", "Anna Berg", complete_scores())
    (folder / "brev.pdf").write_bytes(b"%PDF-1.4")
    return folder, plan


def test_status_of_a_mixed_round_in_swedish(mixed_round):
    folder, plan = mixed_round
    result = invoke("status", str(folder), "--plan", str(plan))
    assert result.exit_code == 1, result.output
    f = lambda name: str(folder / name)  # noqa: E731
    assert result.output.splitlines() == [
        "Boden 2024: 1 av 2 tillbaka; Anna Berg: 1 fel; Per Ek: inte tillbaka (inga poäng ännu); ingen konsensus; "
        f"nästa: kompass check {f('boden-2024-anna-berg.xlsx')}",
        f"Kalix 2024: 2 av 3 tillbaka; Anna Berg: klar; Per Ek: poäng saknas i område 3 (5 av 5), område 7 (1 av {len(FW.areas[6].questions)}); "
        f"Lisa Holm: finns inte i mappen; ingen konsensus; nästa: kompass check {f('kalix-2024-per-ek.xlsx')}",
        "Kiruna 2024: 1 av 1 tillbaka; Anna Berg: klar; ingen konsensus; "
        f"nästa: kompass report {f('kiruna-2024-anna-berg.xlsx')} -o kiruna-2024-resultat.xlsx",
        "Luleå 2024: 2 av 2 tillbaka; Anna Berg: klar; Per Ek: klar; ingen konsensus; "
        f"nästa: kompass consensus {f('lulea-2024-anna-berg.xlsx')} {f('lulea-2024-per-ek.xlsx')} -o {f('lulea-2024-konsensus.xlsx')}",
        "Piteå 2024: 2 av 2 tillbaka; Anna Berg: klar; Per Ek: klar; konsensus: klar; "
        f"nästa: kompass report {f('pitea-2024-konsensus.xlsx')} -o pitea-2024-resultat.xlsx",
        "Andra filer (t.ex. PDF, Word) som lämnades därhän: 1",
        "3 av 5 utvärderingar klara och giltiga",
    ]


def test_status_of_a_mixed_round_in_english(mixed_round):
    folder, plan = mixed_round
    result = invoke("--lang", "en", "status", str(folder), "--plan", str(plan))
    same = invoke("status", str(folder), "--plan", str(plan), env={"KOMPASS_LANG": "en"})
    assert result.exit_code == same.exit_code == 1
    assert result.output == same.output
    lines = result.output.splitlines()
    assert lines[0].startswith("Boden 2024: 1 of 2 back; Anna Berg: 1 error; Per Ek: not back (no scores yet); no consensus; next: kompass check ")
    assert lines[1].startswith(f"Kalix 2024: 2 of 3 back; Anna Berg: complete; Per Ek: scores missing in area 3 (5 of 5), area 7 (1 of {len(FW.areas[6].questions)}); Lisa Holm: not in the folder;")
    assert lines[3].startswith("Luleå 2024: 2 of 2 back; Anna Berg: complete; Per Ek: complete; no consensus; next: kompass consensus ")
    assert lines[4].startswith("Piteå 2024: 2 of 2 back; Anna Berg: complete; Per Ek: complete; consensus: complete; next: kompass report ")
    assert lines[-1] == "3 of 5 evaluations complete and valid"


def test_status_json_and_the_next_commands_run(mixed_round):
    folder, plan = mixed_round
    result = invoke("status", str(folder), "--plan", str(plan), "--json")
    assert result.exit_code == 1
    document = json.loads(result.output)
    assert document["complete"] is False
    by_name = {e["municipality"]: e for e in document["evaluations"]}
    kalix = by_name["Kalix"]
    assert [w["state"] for w in kalix["workbooks"]] == ["complete", "incomplete", "missing"]
    assert kalix["workbooks"][1]["missing"] == [{"area": 3, "missing": 5, "questions": 5}, {"area": 7, "missing": 1, "questions": len(FW.areas[6].questions)}]
    assert by_name["Boden"]["workbooks"][0] == {
        "name": "Anna Berg", "path": str(folder / "boden-2024-anna-berg.xlsx"), "state": "invalid", "errors": 1, "missing": []
    }
    assert by_name["Piteå"]["consensus"]["state"] == "complete" and by_name["Piteå"]["complete"] is True
    # the next command printed for Luleå runs as printed
    command = by_name["Luleå"]["next"].split()
    assert command[:2] == ["kompass", "consensus"]
    assert invoke(*command[1:]).exit_code == 0
    assert (folder / "lulea-2024-konsensus.xlsx").exists()


def test_status_is_0_when_every_evaluation_is_complete_and_valid(tmp_path):
    folder = tmp_path / "klart"
    folder.mkdir()
    evaluator_workbook(folder, "Kalix", "Anna Berg", complete_scores())
    evaluator_workbook(folder, "Kalix", "Per Ek", complete_scores())
    result = invoke("status", str(folder))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "1 av 1 utvärderingar klara och giltiga"


@pytest.mark.libreoffice
def test_a_plan_saved_by_libreoffice_is_read(tmp_path, libreoffice):
    plan = tmp_path / "plan.xlsx"
    assert invoke("plan-template", "-o", str(plan)).exit_code == 0
    workbook = openpyxl.load_workbook(plan)
    workbook["Plan"].append(["Borås", 2024, None, "Anna Berg; Per Ek"])
    workbook.save(tmp_path / "ifylld.xlsx")
    resaved = libreoffice.convert(tmp_path / "ifylld.xlsx", "xlsx", tmp_path / "lo")
    result = invoke("new", "--plan", str(resaved), "-o", str(tmp_path / "ut"))
    assert result.exit_code == 0, result.output + result.stderr
    assert sorted(p.name for p in (tmp_path / "ut").iterdir()) == ["boras-2024-anna-berg.xlsx", "boras-2024-per-ek.xlsx"]


def test_evaluators_split_into_extra_csv_columns_are_refused_not_dropped(tmp_path):
    plan = tmp_path / "plan.csv"
    plan.write_text("Kommun;År;Ramverk;Utvärderare\nKalix;2024;;Anna Berg;Per Ek\n", encoding="utf-8")
    result = invoke("new", "--plan", str(plan), "-o", str(tmp_path / "omgang"))
    assert result.exit_code == 1
    assert say("plan_row", row=2, problem=say("plan_row_overflow", values="Per Ek")) in result.output
    assert not (tmp_path / "omgang").exists()


def test_a_round_takes_the_registers_spelling_code_and_group(tmp_path):
    plan = write_plan_csv(tmp_path / "plan.csv", [("kalix", "2024", "", "Anna Berg")])
    assert invoke("new", "--plan", str(plan), "-o", str(tmp_path / "omgang")).exit_code == 0
    evaluation = check_workbook(tmp_path / "omgang" / "kalix-2024-anna-berg.xlsx").evaluation
    assert (evaluation.municipality, evaluation.municipality_group) == ("Kalix", "Landsbygdskommun")
