"""The framework files: every one loads, its sums hold, lineage is consistent, corruption is caught."""

import re
import shutil
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kompass_xlsx.errors import FrameworkError, UnknownFrameworkError
from kompass_xlsx.frameworks import frameworks_dir, get_framework, load_frameworks_from, parse_framework
from kompass_xlsx.models import Comparability

pytestmark = pytest.mark.usefixtures("english")  # these tests assert the English texts

VERSIONS = ["2002", "2010", "2016", "2020"]


def test_the_four_versions_are_shipped_in_order(frameworks):
    assert list(frameworks) == VERSIONS
    assert [fw.in_use_from for fw in frameworks.values()] == sorted(fw.in_use_from for fw in frameworks.values())


@pytest.mark.parametrize("version", VERSIONS)
def test_sums_hold(version):
    fw = get_framework(version)
    assert fw.max == 800
    assert len(fw.areas) == 8
    for area in fw.areas:
        assert area.max == 100
        assert sum(q.max for q in area.questions) == 100
        assert all(q.id.startswith(f"{area.number}.") for q in area.questions)
        assert len(area.sheet_name) <= 31
    ids = [q.id for q in fw.questions]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("version", VERSIONS)
def test_every_question_max_is_reachable_on_the_step(version):
    fw = get_framework(version)
    assert all(Decimal(q.max) % fw.step == 0 for q in fw.questions)


def test_lineage_links_each_version_to_the_one_before(frameworks):
    versions = list(frameworks.values())
    assert versions[0].previous is None
    assert all(area.lineage is None for area in versions[0].areas)
    for earlier, later in zip(versions, versions[1:]):
        assert later.previous == earlier.id
        for area in later.areas:
            assert area.lineage is not None
            assert all(1 <= n <= len(earlier.areas) for n in area.lineage.from_areas)
            if area.lineage.comparability is not Comparability.FULL:
                assert area.lineage.note


def test_2020_revision_is_never_fully_comparable():
    # Olofström 2022: the earlier result "är inte direkt jämförbar" after the 2020 revision.
    assert all(area.lineage.comparability is not Comparability.FULL for area in get_framework("2020").areas)


def test_2016_revision_changed_area_7_most():
    # Karlskrona 2018: "Det gäller speciellt på område 7 där förändringen är stor."
    assert get_framework("2016").area(7).lineage.comparability is not Comparability.FULL


def test_unknown_version_names_the_known_ones():
    with pytest.raises(UnknownFrameworkError, match=r"known versions: 2002, 2010, 2016, 2020\. Did you mean 2020"):
        get_framework("2021")


# --- corrupted copies -----------------------------------------------------------------------

SOURCE_2010 = (frameworks_dir() / "2010.toml").read_text(encoding="utf-8")


def corrupt(pattern: str, replacement: str, text: str = SOURCE_2010) -> str:
    corrupted, count = re.subn(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert count == 1, f"pattern {pattern!r} not found"
    return corrupted


def test_wrong_sum_names_file_and_area():
    text = corrupt(r'^(id = "1\.1"\ntitle = .*\nmax = )(\d+)', lambda m: f"{m[1]}{int(m[2]) + 1}")
    with pytest.raises(FrameworkError, match=r"^2010\.toml: areas\[0\] \(area 1\): area 1: question max points add up to 101"):
        parse_framework(text, "2010.toml")


def test_duplicate_question_id_is_refused():
    text = corrupt(r'^id = "1\.2"', 'id = "1.1"')
    with pytest.raises(FrameworkError, match=r"2010\.toml: question id 1\.1 appears more than once"):
        parse_framework(text, "2010.toml")


def test_missing_field_names_its_path():
    text = corrupt(r'^(\[\[areas\.questions\]\]\nid = "3\.2"\n)title = .*\n', r"\1")
    with pytest.raises(FrameworkError, match=r"2010\.toml: areas\[2\]\.questions\[1\]\.title \(area 3\): Field required"):
        parse_framework(text, "2010.toml")


def test_unknown_key_is_refused():
    text = corrupt(r'^step = ', 'stepp = "0.1"\nstep = ')
    with pytest.raises(FrameworkError, match=r"2010\.toml: stepp: Extra inputs are not permitted"):
        parse_framework(text, "2010.toml")


def test_float_step_is_refused_as_inexact():
    text = corrupt(r'^step = ".*"', "step = 0.1")
    with pytest.raises(FrameworkError, match=r"step: .*float"):
        parse_framework(text, "2010.toml")


def test_sheet_title_excel_cannot_use_is_refused():
    text = corrupt(r'^sheet_title = ".*"', 'sheet_title = "Styrning/kontroll"')
    with pytest.raises(FrameworkError, match=r"sheet_title \(area 1\): .*/.*forbids"):
        parse_framework(text, "2010.toml")


def test_lineage_to_missing_area_is_refused(tmp_path):
    for path in frameworks_dir().glob("*.toml"):
        shutil.copy(path, tmp_path / path.name)
    target = tmp_path / "2016.toml"
    target.write_text(corrupt(r"^from = \[.*\]", "from = [9]", target.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(FrameworkError, match=r"2016\.toml: .*lineage\.from.*area 9 does not exist in version 2010"):
        load_frameworks_from(tmp_path)


def test_not_toml_is_refused():
    with pytest.raises(FrameworkError, match=r"^2010\.toml: not valid TOML"):
        parse_framework("id = ", "2010.toml")


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(VERSIONS), st.data())
def test_any_changed_question_max_breaks_the_area_sum(version, data):
    text = (frameworks_dir() / f"{version}.toml").read_text(encoding="utf-8")
    maxes = list(re.finditer(r'^(id = "(\d)\.\d+"\ntitle = .*\nmax = )(\d+)$', text, flags=re.MULTILINE))
    match = data.draw(st.sampled_from(maxes))
    delta = data.draw(st.integers(min_value=1, max_value=5))
    changed = text[: match.start(3)] + str(int(match[3]) + delta) + text[match.end(3) :]
    with pytest.raises(FrameworkError, match=rf"area {match[2]}: question max points add up to {100 + delta}"):
        parse_framework(changed, f"{version}.toml")
