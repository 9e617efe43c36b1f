"""One test per scenario validation rule, each asserting the exact message and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from miles_site.models.phases import load_phases
from miles_site.models.scenario_checks import load_scenarios
from support.projects import ROOT, line_of

PHASES, _ = load_phases(ROOT / "data", ROOT)
EXAMPLE = (ROOT / "tests/fixtures/video_scripts/voorbeeld.yml").read_text(encoding="utf-8")
FILE = "video_scripts/voorbeeld.yml"


def check(
    tmp_path: Path, text: str, name: str = "voorbeeld.yml", media: dict[str, str] | None = None
) -> tuple[list[str], list[str], int]:
    scripts = tmp_path / "video_scripts"
    scripts.mkdir(exist_ok=True)
    (scripts / name).write_text(text, encoding="utf-8")
    for media_name, content in (media or {}).items():
        (scripts / "media").mkdir(exist_ok=True)
        (scripts / "media" / media_name).write_text(content, encoding="utf-8")
    found, errors, warnings = load_scenarios(scripts, tmp_path, PHASES)
    return [str(e) for e in errors], [str(w) for w in warnings], len(found)


def test_the_example_is_valid(tmp_path: Path) -> None:
    assert check(tmp_path, EXAMPLE) == ([], [], 1)


def test_yaml_syntax_error(tmp_path: Path) -> None:
    text = EXAMPLE.replace("title: Een voorbeeld", "title: [Een voorbeeld")
    errors, _, _ = check(tmp_path, text)
    assert len(errors) == 1
    assert errors[0].startswith(f"{FILE}:4: YAML syntax error: ")


def test_unknown_field(tmp_path: Path) -> None:
    text = EXAMPLE.replace("summary:", "samenvatting: x\nsummary:")
    errors, _, _ = check(tmp_path, text)
    line = line_of(text, "samenvatting")
    assert errors == [
        f"{FILE}:{line}: samenvatting: unknown field 'samenvatting'; check the spelling against "
        "the schema"
    ]


def test_missing_field(tmp_path: Path) -> None:
    text = EXAMPLE.replace("start: begin\n", "")
    errors, _, _ = check(tmp_path, text)
    assert errors == [f"{FILE}:2: start: required field 'start' is missing"]


def test_id_differs_from_file_name(tmp_path: Path) -> None:
    errors, _, _ = check(tmp_path, EXAMPLE, name="ander-voorbeeld.yml")
    assert errors == [
        "video_scripts/ander-voorbeeld.yml:2: id: id 'voorbeeld' differs from the file name "
        "'ander-voorbeeld.yml'; make them the same"
    ]


def test_unknown_phase(tmp_path: Path) -> None:
    text = EXAMPLE.replace("phase: melding", "phase: herstel")
    errors, _, _ = check(tmp_path, text)
    assert errors == [
        f"{FILE}:4: phase: unknown phase 'herstel'; use one of melding, behandeling, "
        "plan-terugkeer, terug-aan-het-werk, als-het-anders-loopt"
    ]


def test_unknown_speaker(tmp_path: Path) -> None:
    text = EXAMPLE.replace('{speaker: eva, text: "Oh. Oké."}', '{speaker: piet, text: "Oh."}')
    errors, _, _ = check(tmp_path, text)
    line = line_of(text, "speaker: piet")
    assert errors == [
        f"{FILE}:{line}: nodes.afstand.lines[0].speaker: unknown speaker 'piet'; "
        "use one of eva, tom"
    ]


def test_duplicate_node_id(tmp_path: Path) -> None:
    text = EXAMPLE.replace("  einde-kort:\n", "  einde-goed:\n")
    errors, _, _ = check(tmp_path, text)
    first, second = line_of(text, "  einde-goed:", 1), line_of(text, "  einde-goed:", 2)
    assert (
        f"{FILE}:{second}: nodes.einde-goed: duplicate node id 'einde-goed' (first defined at "
        f"line {first}); every node id must be unique" in errors
    )


def test_choice_to_unknown_node(tmp_path: Path) -> None:
    text = EXAMPLE.replace("next: afstand", "next: reactie-9")
    errors, _, _ = check(tmp_path, text)
    line = line_of(text, "next: reactie-9")
    assert f"{FILE}:{line}: nodes.begin.choices[1].next: unknown node 'reactie-9'" in errors


def test_unreachable_node(tmp_path: Path) -> None:
    text = EXAMPLE.replace("next: afstand", "next: luisteren")
    errors, _, _ = check(tmp_path, text)
    line = line_of(text, "  afstand:")
    assert errors == [
        f"{FILE}:{line}: nodes.afstand: node 'afstand' cannot be reached from start 'begin'; "
        "lead a choice to it or remove it"
    ]


def test_loop_without_an_ending(tmp_path: Path) -> None:
    # Both ways out of 'afstand' lead back to 'afstand': a loop nobody can leave.
    text = EXAMPLE.replace(
        "        next: luisteren\n        quality: aanbevolen\n        feedback: Het is nooit",
        "        next: afstand\n        quality: aanbevolen\n        feedback: Het is nooit",
    ).replace(
        "next: einde-kort\n        quality: af te raden",
        "next: afstand\n        quality: af te raden",
    )
    errors, _, _ = check(tmp_path, text)
    line = line_of(text, "  afstand:")
    assert errors == [
        f"{FILE}:{line}: nodes.afstand: no ending can be reached from node 'afstand' (a loop with "
        "no way out); give it a choice that leads towards an ending"
    ]


def test_choice_without_feedback(tmp_path: Path) -> None:
    text = EXAMPLE.replace("        feedback: Zo voelt Eva zich gehoord.\n", "")
    errors, _, _ = check(tmp_path, text)
    line = line_of(text, "- label: Luister en vraag")
    assert errors == [
        f"{FILE}:{line}: nodes.begin.choices[0].feedback: required field 'feedback' is missing"
    ]


def test_node_with_choices_and_ending(tmp_path: Path) -> None:
    text = EXAMPLE.replace(
        "      - label: Sluit het gesprek af.",
        "      - label: Sluit het gesprek af.",
    ).replace("  afstand:\n", "  afstand:\n    ending: {title: x, text: y, takeaways: [z]}\n")
    errors, _, _ = check(tmp_path, text)
    line = line_of(text, "  afstand:")
    assert errors == [
        f"{FILE}:{line}: nodes.afstand: a node has either 'choices' or an 'ending', not both"
    ]


def test_node_without_choices_or_ending(tmp_path: Path) -> None:
    text = EXAMPLE.replace(
        "    ending:\n      title: Een gemiste kans\n      text: Eva twijfelt of ze welkom is.\n"
        "      takeaways: [Vraag wat iemand nodig heeft.]\n      verdict: slecht\n",
        "",
    )
    errors, _, _ = check(tmp_path, text)
    line = line_of(text, "  einde-kort:")
    assert errors == [
        f"{FILE}:{line}: nodes.einde-kort: a node needs 'choices' (2 to 4) or an 'ending'"
    ]


def test_too_few_choices(tmp_path: Path) -> None:
    text = EXAMPLE.replace(
        "      - label: Laat het open.\n        next: einde-kort\n        quality: minder handig\n"
        "        feedback: Zonder afspraak weet niemand wat er komt.\n",
        "",
    )
    errors, _, _ = check(tmp_path, text)
    line = line_of(text, "- label: Spreek af") - 1  # the 'choices:' key
    assert errors == [f"{FILE}:{line}: nodes.luisteren.choices: needs at least 2 items, found 1"]


VIDEO = "    media: {video: clip.mp4, captions: clip.vtt}\n"


def test_media_file_that_does_not_exist(tmp_path: Path) -> None:
    text = EXAMPLE.replace("  einde-goed:\n", "  einde-goed:\n" + VIDEO)
    errors, _, _ = check(tmp_path, text, media={"clip.vtt": "WEBVTT\n"})
    line = line_of(text, "media: {video")
    assert errors == [
        f"{FILE}:{line}: nodes.einde-goed.media.video: file 'clip.mp4' does not "
        "exist in video_scripts/media/"
    ]


def test_video_without_captions(tmp_path: Path) -> None:
    text = EXAMPLE.replace("  einde-goed:\n", "  einde-goed:\n    media: {video: clip.mp4}\n")
    errors, _, _ = check(tmp_path, text, media={"clip.mp4": "x"})
    line = line_of(text, "media: {video")
    assert errors == [
        f"{FILE}:{line}: nodes.einde-goed.media: the video has no captions; add "
        "'captions: <file>.vtt', or 'captions: lines' with an 'at' time on every "
        "line"
    ]


def test_captions_from_lines_need_times(tmp_path: Path) -> None:
    text = EXAMPLE.replace(
        "  einde-goed:\n", "  einde-goed:\n    media: {video: clip.mp4, captions: lines}\n"
    )
    errors, _, _ = check(tmp_path, text, media={"clip.mp4": "x"})
    line = line_of(text, '{speaker: eva, text: "Fijn, dank je."}')
    assert errors == [
        f"{FILE}:{line}: nodes.einde-goed.lines[0]: captions are made from the "
        "lines, so every line needs an 'at' time"
    ]


def test_video_with_captions_is_valid(tmp_path: Path) -> None:
    text = EXAMPLE.replace("  einde-goed:\n", "  einde-goed:\n" + VIDEO)
    assert check(tmp_path, text, media={"clip.mp4": "x", "clip.vtt": "WEBVTT\n"}) == ([], [], 1)


def test_fewer_than_two_decision_points_is_a_warning(tmp_path: Path) -> None:
    text = EXAMPLE.replace("next: afstand", "next: einde-kort").replace(
        "next: luisteren\n        quality: aanbevolen\n        feedback: Zo voelt",
        "next: einde-goed\n        quality: aanbevolen\n        feedback: Zo voelt",
    )
    # afstand and luisteren are now unreachable; drop them to keep one decision point.
    start, end = text.index("  afstand:\n"), text.index("  einde-goed:\n")
    text = text[:start] + text[end:]
    errors, warnings, found = check(tmp_path, text)
    assert errors == []
    assert found == 1
    assert warnings == [
        f"{FILE}:2: the scenario has 1 decision point; give it at least 2 so "
        "that viewers practise choosing"
    ]


@pytest.mark.parametrize("field", ["label", "feedback"])
def test_empty_text_is_an_error(tmp_path: Path, field: str) -> None:
    text = EXAMPLE.replace(
        f"{field}: Sluit het gesprek af."
        if field == "label"
        else "feedback: Eva blijft alleen achter met haar vragen.",
        f'{field}: ""',
    )
    errors, _, _ = check(tmp_path, text)
    assert len(errors) == 1
    assert f"nodes.afstand.choices[1].{field}: " in errors[0]


def test_every_problem_of_every_file_is_reported_at_once(tmp_path: Path) -> None:
    scripts = tmp_path / "video_scripts"
    scripts.mkdir()
    (scripts / "een.yml").write_text(
        EXAMPLE.replace("id: voorbeeld", "id: een").replace("next: afstand", "next: nergens"),
        "utf-8",
    )
    (scripts / "twee.yml").write_text(
        EXAMPLE.replace("id: voorbeeld", "id: twee")
        .replace("phase: melding", "phase: x")
        .replace("speaker: tom", "speaker: kim"),
        "utf-8",
    )
    found, errors, _ = load_scenarios(scripts, tmp_path, PHASES)
    files = sorted({e.file for e in errors})
    assert found == []
    assert files == ["video_scripts/een.yml", "video_scripts/twee.yml"]
    assert any("unknown node 'nergens'" in e.message for e in errors)
    assert any("unknown phase 'x'" in e.message for e in errors)
