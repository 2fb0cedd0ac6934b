"""The figures every report shows, decided once: references, change, highlights, first sentences, notes."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from kompass_xlsx.comparison import PreviousResult, compare_all, own_notes
from kompass_xlsx.frameworks import get_framework
from kompass_xlsx.models import Comparability, Evaluation
from kompass_xlsx.municipalities import register
from kompass_xlsx.national import NationalRow, national_figures
from kompass_xlsx.published import published_evaluations
from kompass_xlsx.report_figures import (
    MIN_REFERENCE_EVALUATIONS,
    ReferenceKind,
    first_sentence,
    latest_change,
    report_figures,
    strongest_and_weakest,
)
from kompass_xlsx.results import with_totals

from national_helpers import random_rows

PUBLISHED = {e.slug: e for e in published_evaluations()}
D = Decimal
FULL, PARTIAL, NONE = Comparability.FULL, Comparability.PARTIAL, Comparability.NONE


def result_of(slug: str, **changes):
    p = PUBLISHED[slug]
    values = dict(
        framework=p.framework, workbook_id=f"id-{slug}", municipality=p.municipality, year=p.year,
        municipality_group=p.municipality_group, scores=p.scores,
        strengths={a.number: "\n".join(f"• {s}" for s in a.strengths) for a in p.areas},
        improvements={a.number: "\n".join(f"• {s}" for s in a.improvements) for a in p.areas},
    )
    evaluation = Evaluation(**(values | changes))
    return with_totals(get_framework(evaluation.framework), evaluation, f"/data/{slug}.xlsx", "ab" * 32)


def previous_of(slug: str) -> list[PreviousResult]:
    p = PUBLISHED[slug]
    return [PreviousResult.from_earlier(e, p.municipality) for e in p.earlier]


# --- first sentence --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("• Kommunen har en tydlig vision. Den följs upp årligen.", "Kommunen har en tydlig vision."),
        ("\n\n- Bra dialog med invånarna, t.ex. via medborgarpaneler. Mer text.", "Bra dialog med invånarna, t.ex. via medborgarpaneler."),
        ("Styrdokumenten (bl.a. Vision 2030) är kända. Nästa mening.", "Styrdokumenten (bl.a. Vision 2030) är kända."),
        ("Resultatet ökade med 4.5 poäng sedan 2019. Sedan", "Resultatet ökade med 4.5 poäng sedan 2019."),
        ("Finns det en strategi? Ja.", "Finns det en strategi?"),
        ("En mening utan slut", "En mening utan slut"),
        ("Första raden.\nAndra raden.", "Första raden."),
        ("", ""),
        ("   \n  ", ""),
    ],
)
def test_first_sentence(text, sentence):
    assert first_sentence(text) == sentence


def test_a_long_first_sentence_is_cut_at_a_word_with_an_ellipsis():
    text = " ".join(["ordet"] * 200) + "."
    sentence = first_sentence(text)
    assert len(sentence) <= 240 and sentence.endswith("ordet…")
    assert first_sentence("kort.", limit=240) == "kort."


# --- strongest and weakest -------------------------------------------------------------------


def test_karlskoga_strongest_and_weakest_by_percent_with_their_first_sentences():
    result = result_of("Karlskoga-2007")
    fw = get_framework("2002")
    points = result.area_points()
    strongest, weakest = strongest_and_weakest(fw, points, result.evaluation.strengths, result.evaluation.improvements)
    share = {a.number: points[a.number] / a.max for a in fw.areas}
    order = sorted(share, key=lambda n: (-share[n], n))
    assert [h.number for h in strongest] == order[:3]
    assert [h.number for h in weakest] == sorted(order[3:], key=lambda n: (share[n], n))[:3]
    assert not {h.number for h in strongest} & {h.number for h in weakest}
    texts = {a.number: a for a in PUBLISHED["Karlskoga-2007"].areas}
    for h in strongest:
        assert h.sentence and h.sentence == first_sentence(texts[h.number].strengths[0])
    for h in weakest:
        assert h.sentence and h.sentence == first_sentence(texts[h.number].improvements[0])
    assert all(h.title == fw.area(h.number).title for h in strongest + weakest)


def test_equal_percentages_are_ordered_by_area_number():
    fw = get_framework("2020")
    points = {a.number: D(50) for a in fw.areas} | {5: D(90), 7: D(10)}
    strongest, weakest = strongest_and_weakest(fw, points, {}, {})
    assert [h.number for h in strongest] == [5, 1, 2]
    assert [h.number for h in weakest] == [7, 3, 4]
    assert strongest[0].percent == D("90.0") and strongest[0].sentence == ""


# --- change ----------------------------------------------------------------------------------


def test_karlskoga_change_since_2003_is_comparable_and_111_points():
    figures = report_figures(get_framework("2002"), result_of("Karlskoga-2007"), previous_of("Karlskoga-2007"))
    change = figures.change
    assert change.previous.year == 2003 and change.verdict is FULL and change.difference == D(111)
    assert figures.total.change == D(111)
    assert figures.area(5).change == D(25)
    assert change.compared_areas == tuple(range(1, 9))


def test_olofstrom_change_since_2017_is_not_comparable():
    figures = report_figures(get_framework("2020"), result_of("Olofström-2022"), previous_of("Olofström-2022"))
    assert figures.change.previous.year == 2017 and figures.change.verdict is NONE and figures.change.difference is None
    assert figures.total.change is None and all(area.change is None for area in figures.areas)


def test_the_most_recent_comparable_evaluation_is_chosen_over_a_newer_one_that_is_not():
    fw = get_framework("2020")
    result = result_of("Olofström-2022")
    areas = {n: D(40 + n) for n in range(1, 9)}
    same_version = PreviousResult(municipality="Olofström", year=2019, framework="2020", total=sum(areas.values()), areas=areas)
    older_version = PreviousResult(municipality="Olofström", year=2021, framework="2016", total=D(392))
    comparisons = compare_all(fw, result.area_points(), result.total, [same_version, older_version])
    change = latest_change(comparisons)
    assert change.previous.year == 2019 and change.verdict is FULL
    assert change.difference == result.total - same_version.total
    partly = PreviousResult(municipality="Olofström", year=2021, framework="2016", areas=areas)
    change = latest_change(compare_all(fw, result.area_points(), result.total, [same_version, partly]))
    assert change.previous.year == 2021 and change.verdict is PARTIAL and change.difference is None
    assert change.compared_areas == tuple(range(1, 8))  # 2020 area 8 draws on two 2016 areas
    assert latest_change([]) is None


# --- references ------------------------------------------------------------------------------


def rows_for(fw_id: str, count: int, group: str = "Pendlingskommun") -> list[NationalRow]:
    return random_rows(get_framework(fw_id), count, seed=7, groups=(group,))


@pytest.mark.parametrize(("others", "shown"), [(0, False), (1, False), (4, False), (5, True), (6, True)])
def test_a_reference_is_shown_over_at_least_five_other_evaluations(others, shown):
    result = result_of("Olofström-2022", municipality_group="Pendlingskommun")
    own = NationalRow.from_workbook_result(result)
    national = national_figures([*rows_for("2020", others), own], "2020")
    figures = report_figures(get_framework("2020"), result, (), national)
    for reference in (figures.national, figures.group):
        assert (reference.count, reference.others, reference.shown) == (others + 1, others, shown)
        assert reference.minimum == MIN_REFERENCE_EVALUATIONS
    assert figures.national.kind is ReferenceKind.NATIONAL and figures.group.kind is ReferenceKind.GROUP
    assert figures.group.name == "Pendlingskommun"
    if shown:
        means, total = national.shown_means()
        assert figures.national.total == total and dict(figures.national.areas) == means
        assert [a.national for a in figures.areas] == [means[n] for n in range(1, 9)]
        assert figures.total.national_difference == result.total - total
        assert figures.position is not None and figures.position.count == others + 1
    else:
        assert figures.national.total is None and not figures.national.areas
        assert all(a.national is None and a.group is None and a.quartile is None for a in (*figures.areas, figures.total))
        assert figures.position is None
        assert figures.shown_references == ()


def test_an_evaluation_not_in_the_national_summary_counts_every_row_as_another():
    result = result_of("Olofström-2022", municipality_group="Pendlingskommun")
    national = national_figures(rows_for("2020", 5), "2020")
    figures = report_figures(get_framework("2020"), result, (), national)
    assert (figures.national.count, figures.national.others, figures.national.shown) == (5, 5, True)
    assert (figures.group.count, figures.group.others, figures.group.shown) == (5, 5, True)


def test_the_group_follows_the_rule_on_its_own():
    result = result_of("Olofström-2022", municipality_group="Glesbygd")
    rows = random_rows(get_framework("2020"), 10, seed=3, groups=("Glesbygd", "Större stad"))
    figures = report_figures(get_framework("2020"), result, (), national_figures(rows, "2020"))
    assert figures.national.shown and figures.group.others == 5 and figures.group.shown
    rows = random_rows(get_framework("2020"), 9, seed=3, groups=("Glesbygd", "Större stad"))
    figures = report_figures(get_framework("2020"), result, (), national_figures(rows, "2020"))
    assert figures.national.shown and (figures.group.others, figures.group.shown) == (5, True)
    rows = random_rows(get_framework("2020"), 8, seed=3, groups=("Glesbygd", "Större stad"))
    figures = report_figures(get_framework("2020"), result, (), national_figures(rows, "2020"))
    assert figures.national.shown and (figures.group.others, figures.group.shown) == (4, False)
    assert all(a.group is None and a.national is not None for a in figures.areas)
    unknown = report_figures(get_framework("2020"), result_of("Olofström-2022", municipality_group="Okänd"), (), national_figures(rows, "2020"))
    assert unknown.group is None and unknown.group_name == "Okänd"


# --- notes -----------------------------------------------------------------------------------


def test_lineage_notes_never_quote_another_evaluations_report():
    note = get_framework("2020").area(1).lineage.note
    assert "Olofström 2022" in note
    assert own_notes([note], "Olofström", 2022) == (note,)
    (kalix,) = own_notes([note], "Kalix", 2012)
    assert "Olofström" not in kalix and kalix.startswith("Fortsätter 2016 område 1") and kalix.endswith("nya delfrågor.")
    note_2016 = get_framework("2016").area(7).lineage.note
    assert own_notes([note_2016], "Karlskrona", 2018) == ("Omdöpt från ”Verksamhetsutveckling” med till stor del andra frågor.",)
    plain = get_framework("2020").area(3).lineage.note
    assert own_notes([plain], "Kalix", 2012) == (plain,)
    assert own_notes(["Kalix 2012: inte jämförbart."], "Kalix", 2013) == ()


def test_report_figures_carry_only_notes_of_this_evaluation():
    result = result_of("Karlskrona-2018")  # a 2016 result ...
    earlier = PreviousResult(municipality="Karlskrona", year=2014, framework="2010", total=D(400), areas={n: D(50) for n in range(1, 9)})
    figures = report_figures(get_framework("2016"), result, [earlier])
    notes = " ".join(n for c in figures.comparisons for row in c.areas for n in row.notes)
    assert notes and "Kalix" not in notes and "rapporten säger" not in notes
    # ... and the comparison's figures are untouched by the filtering.
    raw = compare_all(get_framework("2016"), result.area_points(), result.total, [earlier])[0]
    assert [replace(r, notes=()) for r in raw.areas] == [replace(r, notes=()) for r in figures.comparisons[0].areas]


def test_a_workbook_without_a_group_is_compared_with_its_group_in_the_register():
    registered = register().find("Olofström").group
    result = result_of("Olofström-2022", municipality_group=None)
    national = national_figures(rows_for("2020", 6, group=registered), "2020")
    figures = report_figures(get_framework("2020"), result, (), national)
    assert figures.group_name == registered
    assert figures.group is not None and (figures.group.others, figures.group.shown) == (6, True)
