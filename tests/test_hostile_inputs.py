"""Hostile and messy input to the commands of a round and the report draft: each bad input gives a
message naming the file (and row), a non-zero exit, no traceback and nothing written."""

from __future__ import annotations

import shlex

import codecs
from pathlib import Path

from click.testing import CliRunner

from kompass_xlsx.cli import cli
from kompass_xlsx.messages import say

HEADER = "Kommun;År;Ramverk;Utvärderare"


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), env={"KOMPASS_LANG": None})


def refused(result, folder: Path) -> str:
    """The output of a refused run, after asserting it wrote nothing and raised nothing."""
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert not folder.exists() or not any(folder.iterdir())
    return result.output


def test_a_utf16_csv_plan_as_excel_and_calc_save_unicode_text_is_read(tmp_path):
    for name, data in [
        ("le.csv", codecs.BOM_UTF16_LE + "Kommun\tÅr\tUtvärderare\nÅre\t2024\tÅsa Öberg\n".encode("utf-16-le")),
        ("be.csv", codecs.BOM_UTF16_BE + f"{HEADER}\nÅre;2024;;Åsa Öberg\n".encode("utf-16-be")),
    ]:
        plan = tmp_path / name
        plan.write_bytes(data)
        result = invoke("new", "--plan", str(plan), "-o", str(tmp_path / name[:2]))
        assert result.exit_code == 0, result.output
        assert [p.name for p in (tmp_path / name[:2]).iterdir()] == ["are-2024-asa-oberg.xlsx"]


def test_a_binary_file_named_csv_is_refused_as_no_text_file(tmp_path):
    plan = tmp_path / "plan.csv"
    plan.write_bytes(HEADER.encode() + b"\n" + bytes(range(256)) * 4)
    output = refused(invoke("new", "--plan", str(plan), "-o", str(tmp_path / "out")), tmp_path / "out")
    assert say("plan_csv_binary", path=plan) in output


def test_control_characters_in_a_plan_row_name_the_row_and_column(tmp_path):
    plan = tmp_path / "plan.csv"
    plan.write_text(f"{HEADER}\nKalix;2024;;Anna Berg\nKa\x1b[31mlix;2024;;Per\x07 Ek\n", encoding="utf-8")
    output = refused(invoke("new", "--plan", str(plan), "-o", str(tmp_path / "out")), tmp_path / "out")
    assert say("plan_row", row=3, problem=say("plan_control_characters", column=say("plan_column_municipality"), value="Ka\\u001b[31mlix")) in output
    assert say("plan_row", row=3, problem=say("plan_control_characters", column=say("plan_column_evaluators"), value="Per\\u0007 Ek")) in output
    assert "\x1b" not in output and "\x07" not in output
    assert "--municipality" not in output and "--evaluator" not in output  # the plan's row, not an option


def test_a_csv_field_past_the_csv_modules_limit_names_the_row_in_the_printed_language(tmp_path):
    plan = tmp_path / "plan.csv"
    plan.write_text(f"{HEADER}\nKalix;2024;;Anna\nKalix;2025;;" + "a" * 200_000 + "\n", encoding="utf-8")
    output = refused(invoke("new", "--plan", str(plan), "-o", str(tmp_path / "out")), tmp_path / "out")
    assert say("plan_csv_broken", path=plan, row=3) in output
    assert "field limit" not in output


def test_values_right_of_the_header_are_shown_shortened(tmp_path):
    plan = tmp_path / "plan.csv"
    plan.write_text(f"{HEADER}\nKalix;2024;;Anna" + ";x" * 10_000 + "\n", encoding="utf-8")
    output = refused(invoke("new", "--plan", str(plan), "-o", str(tmp_path / "out")), tmp_path / "out")
    assert "rad 2:" in output and "…)" in output
    assert len(output) < 1000


def test_status_lists_a_copy_of_an_evaluators_workbook_instead_of_proposing_a_refused_consensus(tmp_path):
    import shutil

    from test_round import complete_scores, evaluator_workbook

    folder = tmp_path / "omgang"
    folder.mkdir()
    kept = evaluator_workbook(folder, "Kalix", "Anna Berg", complete_scores())
    copy = folder / "kalix-2024-anna-berg (1).xlsx"
    shutil.copy(kept, copy)
    result = invoke("status", str(folder))
    assert result.exit_code == 0, result.output  # one evaluator, counted once: complete
    assert say("status_older_copy", path=shlex.quote(str(copy)), kept=shlex.quote(str(kept))) in result.output
    assert "kompass consensus" not in result.output  # it would refuse the same evaluation twice
    assert f"kompass report {kept} " in result.output


def test_a_utf16_intro_as_notepad_saves_unicode_is_read(tmp_path):
    import zipfile

    from test_round import complete_scores, evaluator_workbook

    source = evaluator_workbook(tmp_path, "Kalix", "Anna Berg", complete_scores())
    for name, data in [
        ("le.md", codecs.BOM_UTF16_LE + "# Vår metod\nIntervjuer med åtta förvaltningar 😀\n".encode("utf-16-le")),
        ("be.txt", codecs.BOM_UTF16_BE + "# Vår metod\nIntervjuer med åtta förvaltningar 😀\n".encode("utf-16-be")),
    ]:
        intro = tmp_path / name
        intro.write_bytes(data)
        draft = tmp_path / f"{name}.docx"
        result = invoke("report", str(source), "--docx", str(draft), "--intro", str(intro))
        assert result.exit_code == 0, result.output
        document = zipfile.ZipFile(draft).read("word/document.xml").decode()
        assert "Intervjuer med åtta förvaltningar 😀" in document and "Vår metod" in document


def test_habo_and_habo_two_municipalities_folding_alike_get_their_own_files(tmp_path):
    plan = tmp_path / "plan.csv"
    plan.write_text(f"{HEADER}\nHåbo;2024;;Anna Berg\nHabo;2024;;Anna Berg\nKalix;2024;;Anna Berg\n", encoding="utf-8")
    result = invoke("new", "--plan", str(plan), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "habo-0305-2024-anna-berg.xlsx", "habo-0643-2024-anna-berg.xlsx", "kalix-2024-anna-berg.xlsx",
    ]
    status = invoke("status", str(tmp_path / "out"))
    assert "Håbo 2024: 0 av 1" in status.output and "Habo 2024: 0 av 1" in status.output


def test_a_date_typed_in_the_year_column_of_an_xlsx_plan_is_named_as_a_date(tmp_path):
    import datetime

    import openpyxl

    plan = tmp_path / "plan.xlsx"
    assert invoke("plan-template", "-o", str(plan)).exit_code == 0
    workbook = openpyxl.load_workbook(plan)
    workbook["Plan"].append(["Kalix", datetime.date(2024, 3, 1), "", "Anna Berg"])
    workbook.save(plan)
    output = refused(invoke("new", "--plan", str(plan), "-o", str(tmp_path / "out")), tmp_path / "out")
    assert say("plan_row", row=2, problem=say("plan_year_date", value="45352", date="2024-03-01")) in output


def test_status_leaves_the_rounds_plan_in_its_folder_aside(tmp_path):
    from test_round import complete_scores, evaluator_workbook

    folder = tmp_path / "omgang"
    folder.mkdir()
    assert invoke("plan-template", "-o", str(folder / "plan.xlsx")).exit_code == 0
    (folder / "plan.csv").write_text(f"{HEADER}\nKalix;2024;;Anna Berg\n", encoding="utf-8")
    evaluator_workbook(folder, "Kalix", "Anna Berg", complete_scores())
    for args in ([], ["--plan", str(folder / "plan.csv")]):
        result = invoke("status", str(folder), *args)
        assert result.exit_code == 0, result.output  # complete: the plans are no unusable workbooks
        assert "plan.xlsx" not in result.output and "plan.csv" not in result.output


def test_a_misspelt_municipality_in_a_plan_is_a_wrong_row_unless_force_name_keeps_it(tmp_path):
    plan = tmp_path / "plan.csv"
    plan.write_text(f"{HEADER}\nKalx;2024;;Anna Berg\nLuleå;2024;;Per Ek\n", encoding="utf-8")
    output = refused(invoke("new", "--plan", str(plan), "-o", str(tmp_path / "out")), tmp_path / "out")
    hint = say("new_did_you_mean", names="Kalix? Överkalix? Kalmar?")
    assert say("plan_row", row=2, problem=say("plan_name_unknown", name="Kalx", hint=hint)) in output
    kept = invoke("new", "--plan", str(plan), "-o", str(tmp_path / "out"), "--force-name")
    assert kept.exit_code == 0, kept.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["kalx-2024-anna-berg.xlsx", "lulea-2024-per-ek.xlsx"]
    status = invoke("status", str(tmp_path / "out"), "--plan", str(plan))  # the plan new accepted is read
    assert status.exit_code == 1 and "Kalx 2024: 0 av 1 tillbaka" in status.output, status.output


def test_a_full_disk_during_a_round_leaves_no_file_and_no_empty_folder(tmp_path, monkeypatch):
    import errno
    import os

    plan = tmp_path / "plan.csv"
    plan.write_text(f"{HEADER}\nKalix;2024;;\"Anna Berg; Per Ek\"\nLuleå;2024;;Lisa Holm\n", encoding="utf-8")
    real_fsync = os.fsync
    synced = []

    def disk_fills_up(descriptor):  # the third workbook finds the disk full
        synced.append(descriptor)
        if len(synced) >= 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", disk_fills_up)
    result = invoke("new", "--plan", str(plan), "-o", str(tmp_path / "rundor" / "omgang"))
    monkeypatch.undo()
    assert result.exit_code == 2, result.output
    assert "omgang" in result.output and "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.csv"]


def test_a_plan_asking_for_more_workbooks_than_a_round_can_have_writes_nothing(tmp_path):
    from kompass_xlsx.plan import MAX_WORKBOOKS

    plan = tmp_path / "plan.csv"
    rows = [f"Kalix;2024;;Utvärderare {number}" for number in range(MAX_WORKBOOKS + 1)]
    plan.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    output = refused(invoke("new", "--plan", str(plan), "-o", str(tmp_path / "out")), tmp_path / "out")
    assert say("plan_too_many", path=plan, count=MAX_WORKBOOKS + 1, max=MAX_WORKBOOKS) in output


def test_error_values_in_a_plan_are_wrong_rows_not_names(tmp_path):
    import openpyxl

    plan = tmp_path / "plan.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Kommun", "År", "Ramverk", "Utvärderare"])
    sheet.append(["Kalix", 2024, None, "Anna Berg"])
    sheet.append(["Kalix", 2025, None, "Per Ek"])
    sheet["D3"].value = "#N/A"
    sheet["D3"].data_type = "e"  # what a failed lookup stores
    book.save(plan)
    output = refused(invoke("new", "--plan", str(plan), "-o", str(tmp_path / "out")), tmp_path / "out")
    assert say("plan_row", row=3, problem=say("plan_cell_error", column=say("plan_column_evaluators"), value="#N/A")) in output
