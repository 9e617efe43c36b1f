"""Every checklist validation rule, one table row each: the edit, the exact message and its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from miles_site.models.checklist_checks import load_checklists
from miles_site.models.checklist_privacy import medical_words
from miles_site.models.phases import load_phases
from support.projects import ROOT, line_of

PHASES, _ = load_phases(ROOT / "data", ROOT)
EXAMPLE = (ROOT / "tests/fixtures/checklists/voorbeeld-lijst.yml").read_text(encoding="utf-8")
FILE = "checklists/voorbeeld-lijst.yml"
PHASE_IDS = "melding, behandeling, plan-terugkeer, terug-aan-het-werk, als-het-anders-loopt"
MEDICAL = (
    "asks for medical details ('{word}'); a checklist may never record a diagnosis, "
    "treatment, prognosis or medication. Rephrase it, or add 'privacy_ok: <reason>' if it "
    "asks nothing medical"
)


def check(tmp_path: Path, text: str, name: str = "voorbeeld-lijst.yml") -> tuple[list[str], int]:
    folder = tmp_path / "checklists"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    found, errors = load_checklists(folder, tmp_path, PHASES, {"voorbeeld"}, {"melding/index.md"})
    return [str(e) for e in errors], len(found)


def test_the_example_is_valid(tmp_path: Path) -> None:
    assert check(tmp_path, EXAMPLE) == ([], 1)


def medical(label: str, word: str) -> object:
    """A row: a label that asks for medical details, reported at its line."""
    return pytest.param(
        "label: Wie houdt contact?",
        f"label: {label}",
        label,
        "sections[0].items[1].label: " + MEDICAL.format(word=word),
        id=f"medical-{word}",
    )


# (text to replace, its replacement, where the problem is: a line number or the text on that
# line, with the occurrence when it appears twice, the message after 'file:line: ').
RULES = [
    pytest.param(
        "phase: [melding, behandeling]",
        "phase: [melding",
        5,
        "YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence); "
        "check indentation and quote text that contains ': ' or starts with a special character",
        id="yaml-syntax",
    ),
    pytest.param(
        "        help: Zet uw telefoon uit.",
        "        hulp: Zet uw telefoon uit.",
        "hulp:",
        "sections[0].items[0].hulp: unknown field 'hulp'; check the spelling against the schema",
        id="unknown-field",
    ),
    pytest.param(
        "version: 2\n",
        "",
        2,
        "version: required field 'version' is missing; add it",
        id="missing-field",
    ),
    pytest.param(
        "id: wie-contact",
        "id: rustige-plek",
        ("id: rustige-plek", 2),
        "sections[0].items[1].id: duplicate item id 'rustige-plek' (first used at line "
        f"{line_of(EXAMPLE, 'id: rustige-plek')}); item ids become PDF field names and must be "
        "unique",
        id="duplicate-item-id",
    ),
    pytest.param(
        "id: wie-contact",
        "id: Wie contact",
        "id: Wie contact",
        "sections[0].items[1].id: 'Wie contact' is not allowed here; use lowercase letters, "
        "digits and single hyphens, e.g. eerste-gesprek",
        id="item-id-not-a-slug",
    ),
    pytest.param(
        "        options: [Telefoon, Videobellen, Langskomen]\n",
        "",
        "id: contact-manier",
        "sections[1].items[2]: a choice needs 'options' with at least two answers",
        id="choice-without-options",
    ),
    pytest.param(
        "        label: Wie houdt contact?\n",
        "        label: Wie houdt contact?\n        options: [Ik, Jij]\n",
        "options: [Ik",
        "sections[0].items[1].options: only a choice has options; this item is of type text, "
        "so remove them",
        id="options-on-another-type",
    ),
    pytest.param(
        "phase: [melding, behandeling]",
        "phase: [melding, nazorg]",
        4,
        f"phase: unknown phase 'nazorg'; use one of {PHASE_IDS}",
        id="unknown-phase",
    ),
    pytest.param(
        "phase: [melding, behandeling]",
        "phase: []",
        4,
        "phase: give at least one phase",
        id="no-phase",
    ),
    pytest.param(
        "version: 2",
        "version: twee",
        "version: twee",
        "version: expected a whole number, found the text 'twee'; write a number such as 3",
        id="version-not-a-number",
    ),
    pytest.param(
        "review_due: 2099-11-01",
        "review_due: 2026-10-01",
        "review_due:",
        "review_due: review_due (2026-10-01) must come after last_reviewed (2026-11-01); set "
        "review_due later, usually a year after last_reviewed",
        id="due-before-review",
    ),
    pytest.param(
        "scenarios: [voorbeeld]",
        "scenarios: [het-nieuw]",
        "scenarios: [het-nieuw]",
        "related.scenarios[0]: unknown scenario 'het-nieuw'; use one of voorbeeld",
        id="unknown-related-scenario",
    ),
    pytest.param(
        "pages: [melding/index.md]",
        "pages: [melding/bestaat-niet.md]",
        "pages: [melding",
        "related.pages[0]: unknown page 'melding/bestaat-niet.md'; give a path under content/, "
        "e.g. melding/index.md",
        id="unknown-related-page",
    ),
    pytest.param(
        "help: Zet uw telefoon uit.",
        "help: Vraag naar de medicatie.",
        "Vraag naar de medicatie",
        "sections[0].items[0].help: " + MEDICAL.format(word="medicatie"),
        id="medical-help-text",
    ),
    pytest.param(
        "        privacy_ok: vraagt alleen of er een advies over werk is, niets medisch\n",
        "",
        "De bedrijfsarts gaf advies",
        "sections[1].items[3].label: " + MEDICAL.format(word="behandeling"),
        id="medical-word-without-privacy-ok",
    ),
    medical("Welke diagnose heeft uw medewerker?", "diagnose"),
    medical("Hoe lang duurt de behandeling?", "behandeling"),
    medical("Wanneer is de laatste chemokuur?", "chemokuur"),
    medical("Wat is de prognose?", "prognose"),
    medical("Welke medicijnen gebruikt uw medewerker?", "medicijnen"),
    medical("Is er sprake van uitzaaiingen?", "uitzaaiingen"),
    medical("Welke klachten heeft uw medewerker?", "klachten"),
    medical("Hoeveel bestralingen volgen nog?", "bestralingen"),
]


@pytest.mark.parametrize(("old", "new", "at", "message"), RULES)
def test_each_broken_rule_is_reported_at_its_line(
    tmp_path: Path, old: str, new: str, at: int | str | tuple[str, int], message: str
) -> None:
    assert old in EXAMPLE
    text = EXAMPLE.replace(old, new)
    assert text != EXAMPLE
    if isinstance(at, str):
        at = line_of(text, at)
    elif isinstance(at, tuple):
        at = line_of(text, *at)
    assert check(tmp_path, text) == ([f"{FILE}:{at}: {message}"], 0)


def test_id_differs_from_file_name(tmp_path: Path) -> None:
    errors, _ = check(tmp_path, EXAMPLE, name="andere-lijst.yml")
    assert errors == [
        "checklists/andere-lijst.yml:2: id: id 'voorbeeld-lijst' differs from the "
        "file name 'andere-lijst.yml'; make them the same"
    ]


def test_medical_word_list_leaves_ordinary_words_alone() -> None:
    assert medical_words("Wie houdt contact, en hoe vaak bellen we?") == []
    assert medical_words("Neem de Ziekmelding door") == ["Ziekmelding"]


def test_the_real_checklists_ask_nothing_medical() -> None:
    project_pages = {
        p.relative_to(ROOT / "content").as_posix() for p in (ROOT / "content").rglob("*.md")
    }
    scenario_ids = {p.stem for p in (ROOT / "video_scripts").glob("*.yml")}
    found, errors = load_checklists(ROOT / "checklists", ROOT, PHASES, scenario_ids, project_pages)
    assert errors == []
    assert len(found) == 11
