"""Every scenario validation rule, one table row each: the edit, the exact message and its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from miles_site.models.phases import load_phases
from miles_site.models.scenario_checks import load_scenarios
from support.projects import ROOT, line_of

PHASES, _ = load_phases(ROOT / "data", ROOT)
EXAMPLE = (ROOT / "tests/fixtures/video_scripts/voorbeeld.yml").read_text(encoding="utf-8")
FILE = "video_scripts/voorbeeld.yml"
NODES = "begin, afstand, luisteren, einde-goed, einde-kort"
VIDEO = "    media: {video: clip.mp4, captions: clip.vtt}\n"
CLIP = {"clip.mp4": "x", "clip.vtt": "WEBVTT\n"}


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


def test_a_video_with_captions_is_valid(tmp_path: Path) -> None:
    text = EXAMPLE.replace("  einde-goed:\n", "  einde-goed:\n" + VIDEO)
    assert check(tmp_path, text, media=CLIP) == ([], [], 1)


def edit(text: str, *replacements: tuple[str, str]) -> str:
    """Apply replacements to ``text``; each must change it, so that no row tests nothing."""
    for old, new in replacements:
        assert old in text and old != new, old
        text = text.replace(old, new)
    return text


def without(text: str, first: str, until: str) -> str:
    """Cut ``text`` from the line ``first`` up to (not including) the line ``until``."""
    start, end = text.index(first), text.index(until)
    assert start < end
    return text[:start] + text[end:]


# (the broken script, where the problem is: a line number or the text on that line with the
# occurrence when it appears twice, the message after 'file:line: ', the media files present).
RULES = [
    pytest.param(
        edit(EXAMPLE, ("title: Een voorbeeld", "title: [Een voorbeeld")),
        4,
        "YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence); "
        "check indentation and quote text that contains ': ' or starts with a special character",
        {},
        id="yaml-syntax",
    ),
    pytest.param(
        edit(EXAMPLE, ("summary:", "samenvatting: x\nsummary:")),
        "samenvatting",
        "samenvatting: unknown field 'samenvatting'; check the spelling against the schema",
        {},
        id="unknown-field",
    ),
    pytest.param(
        edit(EXAMPLE, ("start: begin\n", "")),
        2,
        "start: required field 'start' is missing; add it",
        {},
        id="missing-field",
    ),
    pytest.param(
        edit(EXAMPLE, ("id: voorbeeld", "id: Voorbeeld 1")),
        2,
        "id: 'Voorbeeld 1' is not allowed here; use lowercase letters, digits and single "
        "hyphens, e.g. eerste-gesprek",
        {},
        id="id-not-a-slug",
    ),
    pytest.param(
        edit(EXAMPLE, ("phase: melding", "phase: herstel")),
        4,
        "phase: unknown phase 'herstel'; use one of melding, behandeling, plan-terugkeer, "
        "terug-aan-het-werk, als-het-anders-loopt",
        {},
        id="unknown-phase",
    ),
    pytest.param(
        edit(EXAMPLE, ("role: medewerker", "role: patient")),
        "role: patient",
        "characters[0].role: 'patient' is not allowed; use one of 'leidinggevende', "
        "'medewerker', 'collega', 'hr', 'casemanager' or 'bedrijfsarts'",
        {},
        id="unknown-role",
    ),
    pytest.param(
        edit(
            EXAMPLE,
            ("{id: tom, name: Tom,", "{id: eva, name: Tom,"),
            ("speaker: tom", "speaker: eva"),
        ),
        "{id: eva, name: Tom",
        "characters[1].id: duplicate character id 'eva'; give each character its own id",
        {},
        id="duplicate-character",
    ),
    pytest.param(
        edit(EXAMPLE, ('{speaker: eva, text: "Oh. Oké."}', '{speaker: piet, text: "Oh."}')),
        "speaker: piet",
        "nodes.afstand.lines[0].speaker: unknown speaker 'piet'; use one of eva, tom",
        {},
        id="unknown-speaker",
    ),
    pytest.param(
        edit(
            EXAMPLE,
            ("  luisteren:\n", "  Luisteren Nu:\n"),
            ("next: luisteren", "next: Luisteren Nu"),
        ),
        "Luisteren Nu:",
        "nodes.Luisteren Nu: 'Luisteren Nu' is not allowed here; use lowercase letters, digits "
        "and single hyphens, e.g. eerste-gesprek",
        {},
        id="node-id-not-a-slug",
    ),
    pytest.param(
        edit(EXAMPLE, ("start: begin", "start: begn")),
        "start: begn",
        f"start: unknown node 'begn'; use one of {NODES}",
        {},
        id="unknown-start",
    ),
    pytest.param(
        edit(
            EXAMPLE,
            ("next: einde-kort\n        quality: af", "next: reactie-9\n        quality: af"),
        ),
        "next: reactie-9",
        f"nodes.afstand.choices[1].next: unknown node 'reactie-9'; use one of {NODES}",
        {},
        id="choice-to-unknown-node",
    ),
    pytest.param(
        edit(EXAMPLE, ("next: afstand", "next: luisteren")),
        "  afstand:",
        "nodes.afstand: node 'afstand' cannot be reached from start 'begin'; lead a choice to "
        "it or remove it",
        {},
        id="unreachable-node",
    ),
    pytest.param(
        # Both ways out of 'afstand' lead back to 'afstand': a loop nobody can leave.
        edit(
            EXAMPLE,
            (
                "        next: luisteren\n        quality: aanbevolen\n        feedback: Het is",
                "        next: afstand\n        quality: aanbevolen\n        feedback: Het is",
            ),
            (
                "next: einde-kort\n        quality: af te raden",
                "next: afstand\n        quality: af te raden",
            ),
        ),
        "  afstand:",
        "nodes.afstand: no ending can be reached from node 'afstand' (a loop with no way out); "
        "give it a choice that leads towards an ending",
        {},
        id="loop-without-an-ending",
    ),
    pytest.param(
        edit(EXAMPLE, ("        feedback: Zo voelt Eva zich gehoord.\n", "")),
        "- label: Luister en vraag",
        "nodes.begin.choices[0].feedback: required field 'feedback' is missing; add it",
        {},
        id="choice-without-feedback",
    ),
    pytest.param(
        edit(EXAMPLE, ("label: Sluit het gesprek af.", 'label: ""')),
        'label: ""',
        "nodes.afstand.choices[1].label: the text is empty; write something here",
        {},
        id="empty-label",
    ),
    pytest.param(
        edit(EXAMPLE, ("feedback: Eva blijft alleen achter met haar vragen.", 'feedback: " "')),
        'feedback: " "',
        "nodes.afstand.choices[1].feedback: the text is empty; write something here",
        {},
        id="blank-feedback",
    ),
    pytest.param(
        edit(
            EXAMPLE,
            ("quality: aanbevolen\n        feedback: Zo", "quality: goed\n        feedback: Zo"),
        ),
        "quality: goed",
        "nodes.begin.choices[0].quality: 'goed' is not allowed; use one of 'aanbevolen', "
        "'minder handig' or 'af te raden'",
        {},
        id="unknown-quality",
    ),
    pytest.param(
        edit(
            EXAMPLE,
            ("  afstand:\n", "  afstand:\n    ending: {title: x, text: y, takeaways: [z]}\n"),
        ),
        "  afstand:",
        "nodes.afstand: a node has either 'choices' or an 'ending', not both",
        {},
        id="choices-and-ending",
    ),
    pytest.param(
        edit(
            EXAMPLE,
            (
                "    ending:\n      title: Een gemiste kans\n      text: Eva twijfelt of ze welkom"
                " is.\n      takeaways: [Vraag wat iemand nodig heeft.]\n      verdict: slecht\n",
                "",
            ),
        ),
        "  einde-kort:",
        "nodes.einde-kort: a node needs 'choices' (2 to 4) or an 'ending'",
        {},
        id="neither-choices-nor-ending",
    ),
    pytest.param(
        edit(
            EXAMPLE,
            (
                "      - label: Laat het open.\n        next: einde-kort\n        quality: minder "
                "handig\n        feedback: Zonder afspraak weet niemand wat er komt.\n",
                "",
            ),
        ),
        ("    choices:", 3),
        "nodes.luisteren.choices: needs at least 2 items, found 1; add more",
        {},
        id="too-few-choices",
    ),
    pytest.param(
        edit(EXAMPLE, ("  einde-goed:\n", "  einde-goed:\n" + VIDEO)),
        "media: {video",
        "nodes.einde-goed.media.video: file 'clip.mp4' does not exist in video_scripts/media/; "
        "put it there or correct the name",
        {"clip.vtt": "WEBVTT\n"},
        id="missing-media-file",
    ),
    pytest.param(
        edit(
            EXAMPLE,
            ("  einde-goed:\n", "  einde-goed:\n    media: {video: clip.avi, captions: lines}\n"),
        ),
        "media: {video",
        "nodes.einde-goed.media.video: 'clip.avi' is not allowed here; use an .mp4 or .webm "
        "video file",
        {},
        id="video-of-another-type",
    ),
    pytest.param(
        edit(EXAMPLE, ("  einde-goed:\n", "  einde-goed:\n    media: {video: clip.mp4}\n")),
        "media: {video",
        "nodes.einde-goed.media: the video has no captions; add 'captions: <file>.vtt', or "
        "'captions: lines' with an 'at' time on every line",
        {"clip.mp4": "x"},
        id="video-without-captions",
    ),
    pytest.param(
        edit(
            EXAMPLE,
            (
                "  einde-goed:\n",
                "  einde-goed:\n    media: {video: clip.mp4, captions: clip.srt}\n",
            ),
        ),
        "media: {video",
        "nodes.einde-goed.media.captions: captions must be a WebVTT (.vtt) file or 'lines'",
        {"clip.mp4": "x", "clip.srt": "1\n"},
        id="captions-not-webvtt",
    ),
    pytest.param(
        edit(EXAMPLE, ("  einde-goed:\n", "  einde-goed:\n" + VIDEO)),
        1,
        "a WebVTT captions file starts with the line 'WEBVTT'; add it",
        {"clip.mp4": "x", "clip.vtt": "1\n00:00.000 --> 00:01.000\nHoi\n"},
        id="captions-file-without-header",
    ),
    pytest.param(
        edit(
            EXAMPLE,
            ("  einde-goed:\n", "  einde-goed:\n    media: {video: clip.mp4, captions: lines}\n"),
        ),
        '{speaker: eva, text: "Fijn, dank je."}',
        "nodes.einde-goed.lines[0]: captions are made from the lines, so every line needs an "
        "'at' time",
        {"clip.mp4": "x"},
        id="captions-from-lines-without-times",
    ),
    pytest.param(
        edit(
            EXAMPLE,
            ("  begin:\n", "  begin:\n    media: {video: clip.mp4, captions: lines}\n"),
            ('iets vertellen."}', 'iets vertellen.", at: "0:02"}'),
            ('"Natuurlijk. Ga zitten."}', '"Natuurlijk. Ga zitten.", at: "0:01"}'),
        ),
        'at: "0:01"',
        "nodes.begin.lines[1].at: 'at: 0:01' is not after the line before (0:02); give the "
        "lines increasing times",
        {"clip.mp4": "x"},
        id="cue-times-going-back",
    ),
    pytest.param(
        edit(
            EXAMPLE,
            (
                "  begin:\n",
                '  begin:\n    media: {video: clip.mp4, captions: lines, duration: "0:01"}\n',
            ),
            ('iets vertellen."}', 'iets vertellen.", at: "0:00"}'),
            ('"Natuurlijk. Ga zitten."}', '"Natuurlijk. Ga zitten.", at: "0:02"}'),
        ),
        "duration:",
        "nodes.begin.media.duration: the clip lasts 0:01, but its last line starts at 0:02; "
        "make the duration longer than the last 'at' time",
        {"clip.mp4": "x"},
        id="clip-shorter-than-its-lines",
    ),
    pytest.param(
        edit(
            EXAMPLE,
            (
                "  begin:\n",
                '  begin:\n    media: {video: clip.mp4, captions: lines, duration: "1 minuut"}\n',
            ),
            ('iets vertellen."}', 'iets vertellen.", at: "0:00"}'),
            ('"Natuurlijk. Ga zitten."}', '"Natuurlijk. Ga zitten.", at: "0:02"}'),
        ),
        "duration:",
        "nodes.begin.media.duration: '1 minuut' is not a time; write it as m:ss or m:ss.f, "
        "e.g. 0:04.5",
        {"clip.mp4": "x"},
        id="duration-not-a-time",
    ),
]


@pytest.mark.parametrize(("text", "at", "message", "media"), RULES)
def test_each_broken_rule_is_reported_at_its_line(
    tmp_path: Path, text: str, at: int | str | tuple[str, int], message: str, media: dict[str, str]
) -> None:
    if isinstance(at, str):
        at = line_of(text, at)
    elif isinstance(at, tuple):
        at = line_of(text, *at)
    file = "video_scripts/media/clip.vtt" if "WEBVTT" in message else FILE
    assert check(tmp_path, text, media=media) == ([f"{file}:{at}: {message}"], [], 0)


def test_duplicate_node_id(tmp_path: Path) -> None:
    # The second 'einde-goed' (the old 'einde-kort', a bad ending) replaces the first, so the
    # ending checks may report more; the duplicate itself must be named at its line.
    text = edit(EXAMPLE, ("einde-kort", "einde-goed"))
    errors, _, _ = check(tmp_path, text)
    assert (
        f"{FILE}:{line_of(text, '  einde-goed:', 2)}: nodes.einde-goed: duplicate node id "
        f"'einde-goed' (first defined at line {line_of(EXAMPLE, '  einde-goed:')}); every node id "
        "must be unique"
    ) in errors


def test_id_differs_from_file_name(tmp_path: Path) -> None:
    errors, _, _ = check(tmp_path, EXAMPLE, name="ander-voorbeeld.yml")
    assert errors == [
        "video_scripts/ander-voorbeeld.yml:2: id: id 'voorbeeld' differs from the file name "
        "'ander-voorbeeld.yml'; make them the same"
    ]


def test_fewer_than_two_decision_points_is_a_warning(tmp_path: Path) -> None:
    text = edit(
        EXAMPLE,
        ("next: afstand", "next: einde-kort"),
        (
            "next: luisteren\n        quality: aanbevolen\n        feedback: Zo voelt",
            "next: einde-goed\n        quality: aanbevolen\n        feedback: Zo voelt",
        ),
    )
    # afstand and luisteren are now unreachable; drop them to keep one decision point.
    text = without(text, "  afstand:\n", "  einde-goed:\n")
    assert check(tmp_path, text) == (
        [],
        [
            f"{FILE}:2: the scenario has 1 decision point; give it at least 2 so "
            "that viewers practise choosing"
        ],
        1,
    )


def test_every_problem_of_every_file_is_reported_at_once(tmp_path: Path) -> None:
    scripts = tmp_path / "video_scripts"
    scripts.mkdir()
    (scripts / "een.yml").write_text(
        edit(EXAMPLE, ("id: voorbeeld", "id: een"), ("next: afstand", "next: nergens")), "utf-8"
    )
    (scripts / "twee.yml").write_text(
        edit(
            EXAMPLE,
            ("id: voorbeeld", "id: twee"),
            ("phase: melding", "phase: x"),
            ("speaker: tom", "speaker: kim"),
        ),
        "utf-8",
    )
    found, errors, _ = load_scenarios(scripts, tmp_path, PHASES)
    files = sorted({e.file for e in errors})
    assert found == []
    assert files == ["video_scripts/een.yml", "video_scripts/twee.yml"]
    assert any("unknown node 'nergens'" in e.message for e in errors)
    assert any("unknown phase 'x'" in e.message for e in errors)
