"""The README's tour runs as written, right after the set-up command, in a fresh folder."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def tour_lines() -> list[str]:
    """The lines of the tour's shell block, continuation lines joined."""
    section = README[README.index("## Tour"):]
    block = re.search(r"```sh\n(.*?)```", section, flags=re.DOTALL)[1]
    return [line for line in block.replace("\\\n", " ").splitlines() if line.strip()]


def expected_exit(line: str) -> int:
    found = re.search(r"#.*\(exit (\d)\)\s*$", line)
    return int(found[1]) if found else 0


def test_the_tour_starts_by_making_kompass_a_command_and_names_no_file_outside_the_repository():
    assert tour_lines()[0].startswith(". .venv/bin/activate")
    assert "DESIGN.md" not in README and "/work/" not in README


def test_every_tour_command_exits_as_the_readme_says(tmp_path):
    """The set-up command's demo, then every tour line in order, each in bash with the venv activated."""
    venv = Path(sys.executable).parent.parent
    (tmp_path / ".venv").symlink_to(venv)
    env = {key: value for key, value in os.environ.items() if key not in ("KOMPASS_LANG", "VIRTUAL_ENV")}
    env["PATH"] = "/usr/bin:/bin"  # kompass is found only through the activation, as for a new user
    setup = re.search(r"&& (\.venv/bin/kompass demo demo-output --force)", README)[1]
    lines = [setup] + tour_lines()
    outcomes = []
    for line in lines:
        command = line if line.startswith(". .venv") else f". .venv/bin/activate && {line}"
        done = subprocess.run(["bash", "-c", command], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
        outcomes.append((line, done.returncode, expected_exit(line), done.stderr[-500:]))
    wrong = [(line, got, wanted, err) for line, got, wanted, err in outcomes if got != wanted]
    assert wrong == []
    assert (tmp_path / "omgang-2024" / "kalix-2024-per-ek.xlsx").exists()
    assert (tmp_path / "olofstrom-2022-resultat.xlsx").exists() and (tmp_path / "nationell.xlsx").exists()
