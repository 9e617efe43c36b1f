"""Checklist privacy (#9 §2): a hint on every free-text field, medical words in any text, and one
form of address. Each rule is tested with the exact file:line an author would jump to."""

from __future__ import annotations

from pathlib import Path

import pytest

from miles_site.models.checklist_checks import ChecklistSource, load_checklists
from miles_site.models.phases import load_phases
from support.projects import ROOT, line_of

PHASES, _ = load_phases(ROOT / "data", ROOT)
EXAMPLE = (ROOT / "tests/fixtures/checklists/voorbeeld-lijst.yml").read_text(encoding="utf-8")
FILE = "checklists/voorbeeld-lijst.yml"
WIE_HINT = "        privacy_hint: Schrijf alleen een naam op, geen ziekte of klachten.\n"


def errors_of(tmp_path: Path, text: str) -> list[str]:
    folder = tmp_path / "checklists"
    folder.mkdir(exist_ok=True)
    (folder / "voorbeeld-lijst.yml").write_text(text, encoding="utf-8")
    _, errors = load_checklists(folder, tmp_path, PHASES, {"voorbeeld"}, {"melding/index.md"})
    return [str(e) for e in errors]


def test_a_free_text_field_without_a_privacy_hint_is_an_error(tmp_path: Path) -> None:
    text = EXAMPLE.replace(WIE_HINT, "")
    assert errors_of(tmp_path, text) == [
        f"{FILE}:{line_of(text, 'id: wie-contact')}: sections[0].items[1]: the free-text field "
        "'wie-contact' has no privacy hint; a reader can type anything here, so add "
        "'privacy_hint:' that says what not to write, e.g. 'privacy_hint: Schrijf geen ziekte, "
        "behandeling of klachten op.'"
    ]


def test_every_free_text_field_is_reported_in_one_run(tmp_path: Path) -> None:
    text = EXAMPLE.replace(WIE_HINT, "").replace(
        '        privacy_hint: "Geen behandeling <b>of</b> klachten."\n', ""
    )
    errors = errors_of(tmp_path, text)
    assert [e.split(":")[1] for e in errors] == [
        str(line_of(text, "id: wie-contact")),
        str(line_of(text, "id: afspraken")),
    ]


def test_a_hint_must_say_what_not_to_write(tmp_path: Path) -> None:
    text = EXAMPLE.replace(WIE_HINT, "        privacy_hint: Schrijf hier een naam op.\n")
    assert errors_of(tmp_path, text) == [
        f"{FILE}:{line_of(text, 'Schrijf hier een naam op')}: sections[0].items[1].privacy_hint: "
        "the privacy hint must say what not to write here, with geen, niet, niets or nooit, "
        "e.g. 'Schrijf geen ziekte, behandeling of klachten op.'"
    ]


def test_a_hint_on_a_tick_box_is_an_error(tmp_path: Path) -> None:
    text = EXAMPLE.replace(
        "        help: Zet uw telefoon uit.\n",
        "        help: Zet uw telefoon uit.\n        privacy_hint: Geen klachten.\n",
    )
    assert errors_of(tmp_path, text) == [
        f"{FILE}:{line_of(text, 'privacy_hint: Geen klachten.')}: "
        "sections[0].items[0].privacy_hint: only text and textarea fields take a privacy hint; "
        "this item is of type check, so remove it or put the advice in 'help'"
    ]


def test_the_hint_may_name_medical_words_because_it_names_what_to_leave_out(
    tmp_path: Path,
) -> None:
    assert "ziekte of klachten" in WIE_HINT
    assert errors_of(tmp_path, EXAMPLE) == []


MEDICAL = (
    "asks for medical details ('{word}'); a checklist may never record a diagnosis, "
    "treatment, prognosis or medication. Rephrase it, or add 'privacy_ok: <reason>' if it "
    "asks nothing medical"
)


def test_a_medical_option_is_an_error_at_its_own_line(tmp_path: Path) -> None:
    text = EXAMPLE.replace(
        "options: [Telefoon, Videobellen, Langskomen]",
        "options:\n          - Telefoon\n          - Na de chemokuur\n          - Langskomen",
    )
    assert errors_of(tmp_path, text) == [
        f"{FILE}:{line_of(text, '- Na de chemokuur')}: sections[1].items[2].options[1]: "
        + MEDICAL.format(word="chemokuur")
    ]


def test_label_help_and_options_are_all_reported_in_one_run(tmp_path: Path) -> None:
    old = "label: Hoe houden we contact?\n        options: [Telefoon, Videobellen, Langskomen]"
    text = EXAMPLE.replace(
        old,
        "label: Hoe gaat de behandeling?\n        help: Vraag naar klachten.\n"
        "        options: [Telefoon, Prognose, Langskomen]",
    )
    errors = errors_of(tmp_path, text)
    line = line_of(text, "Hoe gaat de behandeling?")
    assert errors == [
        f"{FILE}:{line}: sections[1].items[2].label: " + MEDICAL.format(word="behandeling"),
        f"{FILE}:{line + 1}: sections[1].items[2].help: " + MEDICAL.format(word="klachten"),
        f"{FILE}:{line + 2}: sections[1].items[2].options[1]: " + MEDICAL.format(word="Prognose"),
    ]


def test_privacy_ok_covers_the_options_too(tmp_path: Path) -> None:
    text = EXAMPLE.replace(
        "options: [Telefoon, Videobellen, Langskomen]",
        "options: [Telefoon, Dat uw medewerker ziek is]\n"
        "        privacy_ok: zegt alleen dát uw medewerker ziek is, niet wat",
    )
    assert errors_of(tmp_path, text) == []


@pytest.mark.parametrize(
    ("field", "old", "new"),
    [
        ("label", "label: Wie houdt contact?", "label: Wie belt mijn medewerker?"),
        ("help", "help: Zet uw telefoon uit.", "help: Vraag je medewerker om een moment."),
        (
            "privacy_hint",
            "privacy_hint: Schrijf alleen een naam op",
            "privacy_hint: Niets over jouw medewerker, alleen een naam op",
        ),
    ],
)
def test_the_employee_is_always_uw_medewerker(
    tmp_path: Path, field: str, old: str, new: str
) -> None:
    text = EXAMPLE.replace(old, new)
    errors = errors_of(tmp_path, text)
    assert len(errors) == 1
    assert errors[0].startswith(f"{FILE}:{line_of(text, new)}: ")
    assert f".{field}: '" in errors[0]
    assert errors[0].endswith(
        "medewerker': a checklist speaks to the reader as 'u', so write 'uw medewerker'"
    )


def test_the_purpose_is_checked_for_the_form_of_address_too(tmp_path: Path) -> None:
    text = EXAMPLE.replace("Zo vergeet u niets.", "Zo vergeet ik niets over mijn medewerker.")
    assert errors_of(tmp_path, text) == [
        f"{FILE}:{line_of(text, 'purpose:')}: purpose: 'mijn medewerker': a checklist speaks "
        "to the reader as 'u', so write 'uw medewerker'"
    ]


def real_checklists() -> list[ChecklistSource]:
    pages = {p.relative_to(ROOT / "content").as_posix() for p in (ROOT / "content").rglob("*.md")}
    scenarios = {p.stem for p in (ROOT / "video_scripts").glob("*.yml")}
    found, errors = load_checklists(ROOT / "checklists", ROOT, PHASES, scenarios, pages)
    assert errors == []
    return found


def test_every_real_free_text_field_carries_a_hint_and_passes() -> None:
    found = real_checklists()
    free = [i for c in found for i in c.checklist.items if i.type in ("text", "textarea")]
    assert len(free) > 30
    assert all(item.privacy_hint for item in free)


def test_the_fields_that_invited_secrets_are_redesigned() -> None:
    """The review named four fields that asked the reader to write down what must stay private."""
    found = real_checklists()
    items = {(c.checklist.id, i.id): i for c in found for i in c.checklist.items}
    # What stays between manager and employee: discussed, never written down.
    assert items["collegas-informeren", "wat-niet"].type == "check"
    assert "niet op" in items["collegas-informeren", "wat-niet"].label
    # What colleagues may hear: fixed answers, no free text.
    assert items["collegas-informeren", "wat-vertellen"].type == "choice"
    assert items["contact-tijdens-afwezigheid", "liever-niet"].type == "check"
    # What went differently: only which agreement, with a hint to leave out the health reason.
    hint = items["voortgangsgesprek", "liep-anders"].privacy_hint or ""
    assert "gezondheid" in hint and "niet" in hint
    labels = " ".join(i.label for i in items.values())
    assert "Wat blijft tussen u en uw medewerker?" not in labels
    assert "Wat liep anders dan gepland?" not in labels


def test_questions_about_capacity_go_to_the_bedrijfsarts() -> None:
    found = real_checklists()
    terugkeer = next(c.checklist for c in found if c.checklist.id == "duurzame-terugkeer")
    texts = " ".join(f"{i.label} {i.help or ''}" for i in terugkeer.items)
    assert "Ik heb gevraagd wat mijn medewerker kan" not in texts
    assert "Vraag dat aan de bedrijfsarts, niet aan uw medewerker" in texts
