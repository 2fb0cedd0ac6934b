import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kompass_xlsx.cli import cli
from kompass_xlsx.frameworks import get_framework

pytestmark = pytest.mark.usefixtures("english")  # these tests assert the English texts

REPO = Path(__file__).resolve().parent.parent


def invoke(*args):
    return CliRunner().invoke(cli, list(args))


def test_frameworks_lists_every_version():
    result = invoke("frameworks")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["version", "in", "use", "from", "areas", "questions", "max", "step", "title"]
    assert [line.split()[0] for line in lines[1:]] == ["2002", "2010", "2016", "2020"]
    assert lines[1].split()[:6] == ["2002", "2002", "8", "37", "800", "0.5"]


def test_show_json_has_the_design_shape():
    result = invoke("frameworks", "show", "2020", "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    fw = get_framework("2020")
    assert data["id"] == "2020" and data["max"] == 800 and data["step"] == "0.1"
    assert data["title"] == fw.title
    assert [a["number"] for a in data["areas"]] == list(range(1, 9))
    first = data["areas"][0]
    assert set(first) >= {"number", "title", "max", "questions"}
    assert first["max"] == 100
    assert first["questions"][0] == {"id": "1.1", "title": fw.areas[0].questions[0].title, "max": fw.areas[0].questions[0].max}
    assert sum(q["max"] for a in data["areas"] for q in a["questions"]) == 800


def test_show_text_lists_areas_questions_and_lineage():
    result = invoke("frameworks", "show", "2016")
    assert result.exit_code == 0
    assert "max 800 points, scores in steps of 0.1" in result.output
    assert "7 " + get_framework("2016").area(7).title in result.output
    assert "continues area 7 of 2010, comparability none" in result.output


def test_unknown_version_is_a_clean_error_with_exit_2():
    result = invoke("frameworks", "show", "2019")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("Error: unknown framework version '2019'")
    assert "Traceback" not in result.output


def test_every_command_has_help_with_an_example():
    for args in (["--help"], ["frameworks", "--help"], ["frameworks", "show", "--help"]):
        result = invoke(*args)
        assert result.exit_code == 0, args
        assert "Example: kompass" in result.output, args


def test_help_does_not_import_heavy_libraries():
    code = (
        "import sys\nfrom kompass_xlsx.cli import cli\n"
        "try:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('openpyxl', 'xlsxwriter', 'pydantic') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_installed_wheel_finds_its_frameworks(tmp_path):
    """Build the wheel, install it apart from the source tree, and run its `kompass` as a process."""
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(REPO)],
        check=True,
        capture_output=True,
    )
    wheel = next(wheels.glob("kompass_xlsx-*.whl"))
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    assert (target / "kompass_xlsx" / "frameworks" / "2020.toml").is_file()
    env = {**os.environ, "PYTHONPATH": str(target)}
    run = subprocess.run(
        [sys.executable, "-c", "import kompass_xlsx, sys; from kompass_xlsx.cli import cli; print(kompass_xlsx.__file__); cli()", "frameworks"],
        capture_output=True, text=True, env=env, cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr
    first, *table = run.stdout.splitlines()
    assert first.startswith(str(target))
    assert [line.split()[0] for line in table[1:]] == ["2002", "2010", "2016", "2020"]
    script = target / "bin" / "kompass"
    assert script.is_file()
    run = subprocess.run([sys.executable, str(script), "frameworks", "show", "2002", "--json"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["step"] == "0.5"


def test_kompass_on_path_runs_as_a_process():
    exe = Path(sys.executable).with_name("kompass")
    if not exe.exists():
        pytest.fail(f"the console script is not installed beside {sys.executable}; run the README install command")
    run = subprocess.run([str(exe), "frameworks"], capture_output=True, text=True)
    assert run.returncode == 0
    assert "2020" in run.stdout
