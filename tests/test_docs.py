"""The README documents every command and every finding code; every code has a message template."""

import re

import click

from kompass_xlsx.cli import cli
from kompass_xlsx.findings import TEMPLATES, FindingCode

from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_every_finding_code_has_a_template_and_a_readme_row():
    assert set(TEMPLATES) == set(FindingCode)
    documented = set(re.findall(r"^\| ([A-Z_]+) \| (?:error|warning) \|", README, flags=re.MULTILINE))
    assert documented == {code.value for code in FindingCode}
    for code, (severity, *_) in TEMPLATES.items():
        assert f"| {code.value} | {severity.value} |" in README, code


def test_every_command_is_in_the_readme_and_has_an_example():
    ctx = click.Context(cli)
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        assert f"kompass {name}" in README, name
        assert "Example: kompass" in (command.help or ""), name


def test_every_finding_code_is_asserted_by_some_test():
    tests_text = "".join(path.read_text(encoding="utf-8") for path in (REPO / "tests").glob("test_*.py") if path.name != "test_docs.py")
    untested = [code.value for code in FindingCode if code.value not in tests_text]
    assert untested == []
