"""The differential fuzzer (tests/differential.py): a short seeded run, and LibreOffice on a sample.

The long run is `benchmarks/fuzz_differential.py` (thousands of mutants, any seed).
"""

from __future__ import annotations

import random
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from kompass_xlsx.checking import check_workbook

from differential import make_base, minimal_scores, run_one

MUTANTS = 150


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    return make_base(tmp_path_factory.mktemp("fuzz") / "base.xlsx", seed=2026)


def test_the_minimal_reader_agrees_with_check_on_the_unmutated_workbook(base, tmp_path):
    path = tmp_path / "base.xlsx"
    from differential import package

    data = package(base.parts, {})
    path.write_bytes(data)
    result = check_workbook(path)
    assert result.valid
    assert minimal_scores(data, base.framework) == result.evaluation.scores


def test_no_mutant_gives_a_traceback_or_a_total_the_minimal_reader_does_not(base, tmp_path):
    rng = random.Random(15)
    outcomes = [run_one(base, rng, tmp_path / "mutant.xlsx") for _ in range(MUTANTS)]  # check raising fails the test
    disagreements = [(o.done, o.codes) for o in outcomes if o.disagrees]
    assert disagreements == []
    valid = [o for o in outcomes if o.valid]
    assert 10 <= len(valid) < MUTANTS  # the run compared totals, and refused damaged mutants
    assert all(o.total == sum(o.minimal.values(), Decimal(0)) for o in valid if not o.unresolved and "NAME_BROKEN" not in o.codes)


@pytest.mark.libreoffice
def test_libreoffice_shows_the_scores_check_reads_in_valid_mutants(base, tmp_path, libreoffice):
    rng = random.Random(42)
    sample: list[tuple[Path, dict]] = []
    for number in range(1500):
        path = tmp_path / f"m{number:03}.xlsx"
        outcome = run_one(base, rng, path)
        kinds = {step.split()[0] for step in outcome.done}
        # LibreOffice cannot open backslash names (Excel can), nor a part LZMA-compressed: no comparison there
        if outcome.valid and kinds & {"value", "noise", "type", "inline", "namespace", "merge", "meta"} and not kinds & {"backslash", "compression"}:
            sample.append((path, outcome.scores))
        else:
            path.unlink()
        if len(sample) == 8:
            break
    assert len(sample) >= 4
    out = tmp_path / "lo"
    completed = subprocess.run(
        [libreoffice.binary, f"-env:UserInstallation={libreoffice.profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "xlsx", "--outdir", str(out), *(str(path) for path, _ in sample)],
        capture_output=True, text=True, timeout=600,
    )
    assert completed.returncode == 0, completed.stderr
    for path, scores in sample:
        saved = openpyxl.load_workbook(out / path.name, data_only=True)
        for question, score in scores.items():
            (sheet, ref), = saved.defined_names[f"score_{question.replace('.', '_')}"].destinations
            shown = saved[sheet][ref.replace("$", "")].value
            shown = Decimal(str(shown).strip().replace(",", ".")) if shown is not None else None
            assert shown is not None and abs(shown - score) < Decimal("1E-9"), (path.name, question, shown, score)
