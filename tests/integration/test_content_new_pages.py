"""The pages of issue #9 §4: each question has a page that readers can find, with sound figures."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from miles_site.models.data import TimelineStep
from miles_site.project import Paths, Project, load_project
from support.projects import ROOT
from support.site import BuiltSite

PROJECT = load_project(Paths.under(ROOT))
PAGES = {page.src_uri: page for page in PROJECT.pages}
GLOSSARY = (
    {term.term: term for term in PROJECT.data.glossary.terms} if PROJECT.data.glossary else {}
)


@dataclass(frozen=True)
class Topic:
    """A question employers asked: the page that answers it and what the page must say."""

    page: str
    says: tuple[str, ...]
    glossary: tuple[str, ...] = ()


# One entry per topic of issue #9 §4; `says` holds the words that show the page answers it.
TOPICS = {
    "pay and hours when working partly": Topic(
        "plan-terugkeer/loon-en-uren-bij-opbouw.md",
        ("arbeidstherapeutisch werken", "70 procent", "maximumdagloon", "cao", "opbouwschema"),
        ("arbeidstherapie",),
    ),
    "holidays during sick leave": Topic(
        "wet-en-regels/vakantie-bij-ziekte.md",
        ("bouwt tijdens ziekte gewoon vakantiedagen op", "bedrijfsarts", "op papier"),
    ),
    "small employers": Topic(
        "wet-en-regels/kleine-werkgevers.md",
        ("104 weken", "december 2018", "verzuimverzekering", "eigenrisicodrager"),
        ("eigenrisicodrager", "verzuimverzekering"),
    ),
    "fixed-term and flexible contracts": Topic(
        "wet-en-regels/tijdelijk-contract.md",
        ("bepaalde tijd", "einddatum", "laatste werkdag", "Ziektewet-uitkering", "oproepcontract"),
    ),
    "an employee who does not cooperate": Topic(
        "wet-en-regels/als-uw-medewerker-niet-meewerkt.md",
        ("loonopschorting", "loonstop", "bedrijfsarts", "deskundigenoordeel", "Waarschuw eerst"),
        ("loonopschorting", "loonstop"),
    ),
    "second opinion from another bedrijfsarts": Topic(
        "wet-en-regels/second-opinion.md",
        (
            "andere bedrijfsarts",
            "Alleen uw medewerker",
            "betaalt u de kosten",
            "deskundigenoordeel",
        ),
        ("second opinion",),
    ),
    "time off for hospital visits": Topic(
        "terug-aan-het-werk/vrij-voor-afspraken.md",
        ("calamiteitenverlof", "kort verzuimverlof", "ziek gemeld", "U vraagt niet"),
        ("calamiteitenverlof",),
    ),
    "care leave for a family member with cancer": Topic(
        "wet-en-regels/zorgverlof.md",
        ("Kortdurend zorgverlof", "Langdurend zorgverlof", "calamiteitenverlof", "niet naar"),
        ("zorgverlof",),
    ),
    "payment when an employee dies": Topic(
        "als-het-anders-loopt/als-uw-medewerker-overlijdt.md",
        ("7:674", "nabestaanden", "postuum loon", "U vraagt niet"),
        ("overlijdensuitkering",),
    ),
    "a diagnosis kept private or heard from colleagues": Topic(
        "melding/als-u-het-via-anderen-hoort.md",
        ("mag er ook niet naar vragen", "Schrijf niets op", "bedrijfsarts", "collega"),
    ),
    "the pay cap and the minimum-wage floor": Topic(
        "wet-en-regels/maximumdagloon-en-minimumloon.md",
        ("maximumdagloon", "minimumloon", "eerste ziektejaar", "70 procent"),
        ("maximumdagloon", "minimumloon"),
    ),
    "self-employed and DGA": Topic(
        "wet-en-regels/zelfstandigen-en-dga.md",
        ("niet voor", "zzp'er", "DGA", "UWV", "KVK"),
        ("DGA",),
    ),
}
NEW_PAGES = [topic.page for topic in TOPICS.values()]

_LINK = re.compile(r"\]\(([^)#\s]+\.md)(?:#[^)]*)?\)")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")


def flat(text: str) -> str:
    """Return the text on one line, so phrases match across line breaks."""
    return " ".join(text.split())


def prose(uri: str) -> str:
    """Return the page body without link addresses, on one line."""
    return flat(_LINK_TARGET.sub("]", PAGES[uri].body))


def links_from(uri: str) -> set[str]:
    """Return the pages (as paths under content/) that a page links to."""
    folder = posixpath.dirname(uri)
    return {
        posixpath.normpath(posixpath.join(folder, target))
        for target in _LINK.findall(PAGES[uri].body)
    }


@pytest.mark.parametrize("topic", TOPICS.values(), ids=list(TOPICS))
def test_each_topic_has_a_page_that_answers_it(topic: Topic) -> None:
    assert topic.page in PAGES, f"no page {topic.page}"
    text = prose(topic.page).casefold()
    missing = [phrase for phrase in topic.says if phrase.casefold() not in text]
    assert missing == [], f"{topic.page} does not say {missing}"


@pytest.mark.parametrize("topic", TOPICS.values(), ids=list(TOPICS))
def test_each_new_page_is_in_the_navigation(topic: Topic, built_site: BuiltSite) -> None:
    html_path = built_site.site / topic.page.replace(".md", ".html")
    html = html_path.read_text(encoding="utf-8")
    # The sidebar marks the page's own entry as active; pages left out of the nav have none.
    tags = re.findall(r"<a\s[^>]*>", html)
    assert any(
        f'href="{html_path.name}"' in tag and "md-nav__link--active" in tag for tag in tags
    ), f"{topic.page} is not in the navigation"


@pytest.mark.parametrize("topic", TOPICS.values(), ids=list(TOPICS))
def test_each_new_page_is_linked_from_another_page(topic: Topic) -> None:
    linking = [uri for uri in PAGES if uri != topic.page and topic.page in links_from(uri)]
    assert linking, f"no page links to {topic.page}"


@pytest.mark.parametrize("topic", TOPICS.values(), ids=list(TOPICS))
def test_each_new_page_cites_a_primary_source(topic: Topic) -> None:
    assert any(source.is_primary for source in PAGES[topic.page].meta.sources)


WITH_TERMS = {name: topic for name, topic in TOPICS.items() if topic.glossary}


@pytest.mark.parametrize("topic", WITH_TERMS.values(), ids=list(WITH_TERMS))
def test_glossary_terms_lead_to_the_new_page(topic: Topic) -> None:
    wrong = {
        term: GLOSSARY[term].page if term in GLOSSARY else "missing"
        for term in topic.glossary
        if term not in GLOSSARY or GLOSSARY[term].page != topic.page
    }
    assert wrong == {}


@dataclass(frozen=True)
class Figure:
    """Why a number may appear on a new page: a value in data/ or a source the page cites."""

    reason: str
    data: Callable[[Project], bool] | None = None
    sources: tuple[str, ...] = ()


def _step(project: Project, step_id: str) -> TimelineStep:
    timeline = project.data.timeline
    assert timeline is not None
    return next(step for step in timeline.steps if step.id == step_id)


def _glossary_says(term: str, phrase: str) -> Callable[[Project], bool]:
    return lambda project: phrase in flat(GLOSSARY[term].definition)


UWV_FIRST_YEAR = "loon-doorbetalen-in-het-eerste-ziektejaar"
WAZO = "wetten.overheid.nl/BWBR0013008"

# Every number with a unit on a new page, with the data value or the source that backs it.
FIGURES: dict[tuple[int, str], Figure] = {
    (70, "procent"): Figure(
        "statutory minimum pay in sickness and in short care leave",
        data=_glossary_says("loondoorbetaling", "70 procent"),
    ),
    (100, "procent"): Figure(
        "UWV: the cao often gives 100 procent in year 1", sources=(UWV_FIRST_YEAR,)
    ),
    (104, "weken"): Figure(
        "end of wage payment", data=lambda p: _step(p, "einde-loondoorbetaling").week == 104
    ),
    (52, "weken"): Figure(
        "loonsanctie", data=lambda p: "52 weken" in _step(p, "einde-loondoorbetaling").explanation
    ),
    (6, "weken"): Figure(
        "evaluations at least every 6 weeks; re-integratieverslag after 6 weeks (Rijksoverheid)",
        data=lambda p: _step(p, "evaluatie").every_weeks == 6,
    ),
    (13, "weken"): Figure(
        "UWV: apply for eigenrisicodrager 13 weeks ahead",
        sources=("aanvragen-eigen-risico-dragen-wga",),
    ),
    (10, "jaar"): Figure(
        "UWV: eigenrisicodrager WGA for at most 10 years",
        sources=("einde-eigen-risico-dragen-na-10-jaar",),
    ),
    (12, "maanden"): Figure("Wazo: care leave counted per 12 months", sources=(WAZO,)),
    (2, "keer"): Figure(
        "short care leave of twice the weekly hours (Wazo); maximumdagloon set twice a year",
        data=_glossary_says("maximumdagloon", "twee keer per jaar"),
        sources=(WAZO,),
    ),
    (2, "jaar"): Figure("two years of illness: the WIA", data=_glossary_says("WIA", "2 jaar")),
    (1, "jaar"): Figure(
        "the dropped plan of one year for small employers", sources=("kst-29544-873",)
    ),
    (1, "maand"): Figure(
        "Belastingdienst: the statutory payment is usually one month's wage",
        sources=("belastingdienst.nl",),
    ),
}

# Dates on the new pages, with the source each page must cite for them.
DATES = {
    "1 juli 2017": "stb-2017-255",
    "december 2018": "kst-29544-873",
    "1 januari": "aanvragen-eigen-risico-dragen-wga",
    "1 juli": "aanvragen-eigen-risico-dragen-wga",
}

_WORDS = {"één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "tien": 10}
_FIGURE = re.compile(
    r"\b(\d+|"
    + "|".join(_WORDS)
    + r")\s+(procent|weken|week|jaar|maanden|maand|uur|dagen|dag|keer)\b",
    flags=re.IGNORECASE,
)
_DATE = re.compile(
    r"\b(?:\d{1,2} )?(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|"
    r"november|december)(?: \d{4})?\b"
)
# "Werkt uw medewerker 32 uur per week? Dan gaat het om hoogstens 64 uur."
_WORKED_EXAMPLE = re.compile(r"(\d+) uur per week\? Dan gaat het om hoogstens (\d+) uur\.")


def figures_on(uri: str) -> list[tuple[int, str]]:
    """Return every number with a unit on a page, worked examples left out (tested apart)."""
    text = _WORKED_EXAMPLE.sub("", prose(uri))
    found = []
    for number, unit in _FIGURE.findall(text):
        value = _WORDS.get(number.casefold()) or int(number)
        found.append((value, unit.casefold()))
    return found


def cites(uri: str, fragment: str) -> bool:
    """Tell whether a page lists a source whose address contains ``fragment``."""
    return any(fragment in str(source.url) for source in PAGES[uri].meta.sources)


@pytest.mark.parametrize("uri", NEW_PAGES)
def test_numbers_on_new_pages_agree_with_data_and_sources(uri: str) -> None:
    problems = []
    for figure in figures_on(uri):
        known = FIGURES.get(figure)
        if known is None:
            problems.append(f"{figure}: unknown figure; add it to FIGURES with its source")
        elif not (
            (known.data is not None and known.data(PROJECT))
            or any(cites(uri, fragment) for fragment in known.sources)
        ):
            problems.append(f"{figure} ({known.reason}): not in data/ and its source is not cited")
    for date in _DATE.findall(prose(uri)):
        if date not in DATES:
            problems.append(f"{date}: unknown date; add it to DATES with its source")
        elif not cites(uri, DATES[date]):
            problems.append(f"{date}: the page does not cite {DATES[date]}")
    assert problems == []


def test_the_figures_table_holds_only_figures_in_use() -> None:
    used = {figure for uri in NEW_PAGES for figure in figures_on(uri)}
    assert set(FIGURES) - used == set()


def test_worked_examples_add_up() -> None:
    examples = [
        (uri, int(hours), int(leave))
        for uri in NEW_PAGES
        for hours, leave in _WORKED_EXAMPLE.findall(prose(uri))
    ]
    assert examples, "the care-leave page should show a worked example"
    for uri, hours, leave in examples:
        assert "twee keer het aantal uren" in prose(uri)
        assert leave == 2 * hours, f"{uri}: {hours} hours a week gives {2 * hours}, not {leave}"


@pytest.mark.parametrize("uri", NEW_PAGES)
def test_amounts_are_linked_not_printed(uri: str) -> None:
    # Amounts change twice a year; the pages link to UWV and Rijksoverheid for the current ones.
    assert not re.search(r"€|\beuro\b|EUR\s?\d", PAGES[uri].body), uri


def test_the_pay_cap_page_links_to_the_current_amounts() -> None:
    body = PAGES["wet-en-regels/maximumdagloon-en-minimumloon.md"].body
    assert "https://www.uwv.nl/particulieren/bedragen/detail/maximumdagloon" in body
    assert "https://www.rijksoverheid.nl/onderwerpen/minimumloon" in body
