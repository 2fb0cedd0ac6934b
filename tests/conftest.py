"""Shared fixtures: the real LibreOffice, and the shipped frameworks."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from kompass_xlsx.frameworks import all_frameworks

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class LibreOffice:
    """LibreOffice headless, with its own throw-away user profile."""

    binary: str
    profile: Path

    def convert(self, source: Path, target_format: str, outdir: Path) -> Path:
        """Open `source`, recalculate, and save it as `target_format` (xlsx, pdf) in outdir."""
        outdir.mkdir(parents=True, exist_ok=True)
        completed = subprocess.run(
            [
                self.binary,
                f"-env:UserInstallation={self.profile.as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                target_format,
                "--outdir",
                str(outdir),
                str(source),
            ],
            capture_output=True,
            text=True,
            timeout=180,
        )
        produced = outdir / f"{source.stem}.{target_format.split(':')[0]}"
        if completed.returncode != 0 or not produced.exists():
            raise AssertionError(
                f"LibreOffice failed to convert {source.name} to {target_format}: "
                f"{completed.stdout}\n{completed.stderr}"
            )
        return produced


@pytest.fixture(scope="session")
def libreoffice(tmp_path_factory) -> LibreOffice:
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary is None or shutil.which("pdfinfo") is None or shutil.which("pdftotext") is None:
        missing = "LibreOffice (soffice)" if binary is None else "pdfinfo/pdftotext (poppler-utils)"
        if os.environ.get("KOMPASS_REQUIRE_LIBREOFFICE") or os.environ.get("CI"):
            pytest.fail(f"{missing} is required here but not installed")
        pytest.skip(f"{missing} is not installed; .ci/run installs it")
    return LibreOffice(binary, tmp_path_factory.mktemp("lo-profile"))


@pytest.fixture(scope="session")
def frameworks():
    return all_frameworks()


@pytest.fixture
def english(monkeypatch):
    """Printed text in English (KOMPASS_LANG=en), for tests that assert the English wording; the
    Swedish default is tested in test_language.py and test_round.py."""
    from kompass_xlsx.messages import set_language

    monkeypatch.setenv("KOMPASS_LANG", "en")
    set_language(None)


@pytest.fixture
def swedish():
    """Printed text in Swedish for this test, whatever KOMPASS_LANG says (library calls; the CLI takes --lang)."""
    from kompass_xlsx.messages import set_language

    set_language("sv")
    yield
    set_language(None)
