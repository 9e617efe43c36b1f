"""One test per checklist validation rule, with the exact message and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from miles_site.models.checklist_checks import load_checklists, medical_words
from miles_site.models.phases import load_phases
from support.projects import ROOT, line_of

PHASES, _ = load_phases(ROOT / "data", ROOT)
EXAMPLE = (ROOT / "tests/fixtures/checklists/voorbeeld-lijst.yml").read_text(encoding="utf-8")
FILE = "checklists/voorbeeld-lijst.yml"


def check(tmp_path: Path, text: str, name: str = "voorbeeld-lijst.yml") -> tuple[list[str], int]:
    folder = tmp_path / "checklists"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    found, errors = load_checklists(folder, tmp_path, PHASES, {"voorbeeld"}, {"melding/index.md"})
    return [str(e) for e in errors], len(found)


def test_the_example_is_valid(tmp_path: Path) -> None:
    assert check(tmp_path, EXAMPLE) == ([], 1)


def test_yaml_syntax_error(tmp_path: Path) -> None:
    errors, _ = check(tmp_path, EXAMPLE.replace("phase: [melding, behandeling]", "phase: [melding"))
    assert len(errors) == 1 and errors[0].startswith(f"{FILE}:5: YAML syntax error: ")


def test_unknown_field(tmp_path: Path) -> None:
    text = EXAMPLE.replace(
        "        help: Zet uw telefoon uit.", "        hulp: Zet uw telefoon uit."
    )
    errors, _ = check(tmp_path, text)
    assert errors == [
        f"{FILE}:{line_of(text, 'hulp:')}: sections[0].items[0].hulp: unknown "
        "field 'hulp'; check the spelling against the schema"
    ]


def test_missing_field(tmp_path: Path) -> None:
    text = EXAMPLE.replace("version: 2\n", "")
    errors, _ = check(tmp_path, text)
    assert errors == [f"{FILE}:2: version: required field 'version' is missing"]


def test_id_differs_from_file_name(tmp_path: Path) -> None:
    errors, _ = check(tmp_path, EXAMPLE, name="andere-lijst.yml")
    assert errors == [
        "checklists/andere-lijst.yml:2: id: id 'voorbeeld-lijst' differs from the "
        "file name 'andere-lijst.yml'; make them the same"
    ]


def test_duplicate_item_id(tmp_path: Path) -> None:
    text = EXAMPLE.replace("id: wie-contact", "id: rustige-plek")
    errors, _ = check(tmp_path, text)
    first, second = line_of(text, "id: rustige-plek", 1), line_of(text, "id: rustige-plek", 2)
    assert errors == [
        f"{FILE}:{second}: sections[0].items[1].id: duplicate item id "
        f"'rustige-plek' (first used at line {first}); item ids become PDF field "
        "names and must be unique"
    ]


def test_choice_without_options(tmp_path: Path) -> None:
    text = EXAMPLE.replace("        options: [Telefoon, Videobellen, Langskomen]\n", "")
    errors, _ = check(tmp_path, text)
    line = line_of(text, "id: contact-manier")
    assert errors == [
        f"{FILE}:{line}: sections[1].items[2]: a choice needs 'options' with at least two answers"
    ]


def test_options_on_another_type(tmp_path: Path) -> None:
    text = EXAMPLE.replace(
        "        label: Wie houdt contact?\n",
        "        label: Wie houdt contact?\n        options: [Ik, Jij]\n",
    )
    errors, _ = check(tmp_path, text)
    assert errors == [
        f"{FILE}:{line_of(text, 'options: [Ik')}: sections[0].items[1].options: "
        "only a choice has options; this item is of type text"
    ]


def test_unknown_phase(tmp_path: Path) -> None:
    text = EXAMPLE.replace("phase: [melding, behandeling]", "phase: [melding, nazorg]")
    errors, _ = check(tmp_path, text)
    assert errors == [
        f"{FILE}:4: phase: unknown phase 'nazorg'; use one of melding, behandeling, "
        "plan-terugkeer, terug-aan-het-werk, als-het-anders-loopt"
    ]


def test_unknown_related_scenario(tmp_path: Path) -> None:
    text = EXAMPLE.replace("scenarios: [voorbeeld]", "scenarios: [het-nieuw]")
    errors, _ = check(tmp_path, text)
    assert errors == [
        f"{FILE}:{line_of(text, 'scenarios: [het-nieuw]')}: related.scenarios[0]: "
        "unknown scenario 'het-nieuw'; known scenarios: voorbeeld"
    ]


def test_unknown_related_page(tmp_path: Path) -> None:
    text = EXAMPLE.replace("pages: [melding/index.md]", "pages: [melding/bestaat-niet.md]")
    errors, _ = check(tmp_path, text)
    assert errors == [
        f"{FILE}:{line_of(text, 'pages: [melding')}: related.pages[0]: unknown "
        "page 'melding/bestaat-niet.md'; give a path under content/, e.g. "
        "melding/index.md"
    ]


MEDICAL = (
    "asks for medical details ('{word}'); a checklist may never record a diagnosis, "
    "treatment, prognosis or medication. Rephrase it, or add 'privacy_ok: <reason>' if it "
    "asks nothing medical"
)


@pytest.mark.parametrize(
    ("label", "word"),
    [
        ("Welke diagnose heeft uw medewerker?", "diagnose"),
        ("Hoe lang duurt de behandeling?", "behandeling"),
        ("Wanneer is de laatste chemokuur?", "chemokuur"),
        ("Wat is de prognose?", "prognose"),
        ("Welke medicijnen gebruikt uw medewerker?", "medicijnen"),
        ("Is er sprake van uitzaaiingen?", "uitzaaiingen"),
        ("Welke klachten heeft uw medewerker?", "klachten"),
        ("Hoeveel bestralingen volgen nog?", "bestralingen"),
    ],
)
def test_label_asking_for_medical_details_is_an_error(
    tmp_path: Path, label: str, word: str
) -> None:
    text = EXAMPLE.replace("label: Wie houdt contact?", f"label: {label}")
    errors, _ = check(tmp_path, text)
    line = line_of(text, label)
    assert errors == [f"{FILE}:{line}: sections[0].items[1].label: " + MEDICAL.format(word=word)]


def test_help_text_is_checked_too(tmp_path: Path) -> None:
    text = EXAMPLE.replace("help: Zet uw telefoon uit.", "help: Vraag naar de medicatie.")
    errors, _ = check(tmp_path, text)
    line = line_of(text, "Vraag naar de medicatie")
    assert errors == [
        f"{FILE}:{line}: sections[0].items[0].help: " + MEDICAL.format(word="medicatie")
    ]


def test_privacy_ok_allows_a_medical_word_with_a_reason(tmp_path: Path) -> None:
    assert "behandeling" in EXAMPLE  # the 'advies' item carries privacy_ok
    assert check(tmp_path, EXAMPLE) == ([], 1)
    without = EXAMPLE.replace(
        "        privacy_ok: vraagt alleen of er een advies over werk is, niets medisch\n", ""
    )
    errors, _ = check(tmp_path, without)
    assert len(errors) == 1 and "'behandeling'" in errors[0]


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
