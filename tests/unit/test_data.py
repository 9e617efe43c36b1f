"""The data files: each timeline rule takes exactly its own fields, and broken files say why."""

from __future__ import annotations

from pathlib import Path

import pytest

from miles_site.models.data import RULE_FIELDS, load_all_data
from miles_site.models.phases import load_phases
from support.data import ROLES, TIMELINE
from support.projects import ROOT, line_of

PHASES, _ = load_phases(ROOT / "data", ROOT)


def load(tmp_path: Path, name: str, text: str) -> list[str]:
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    (data / name).write_text(text, encoding="utf-8")
    _, issues = load_all_data(data, tmp_path, PHASES)
    return [str(issue) for issue in issues]


def step(rule: str, **fields: int) -> str:
    """Return the timeline with its step counted by ``rule`` and the given extra fields."""
    extra = "".join(f"    {key}: {value}\n" for key, value in fields.items())
    text = TIMELINE.replace(
        "rule: einde-week\n    week: 6\n", f"rule: {rule}\n    week: 6\n{extra}"
    )
    assert text != TIMELINE or (rule == "einde-week" and not fields)
    return text


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(step("einde-week"), id="einde-week"),
        pytest.param(step("begin-week"), id="begin-week"),
        pytest.param(step("werkdag-na-week"), id="werkdag-na-week"),
        pytest.param(step("dag", day=36), id="dag"),
        pytest.param(step("periode", until_week=8), id="periode"),
        pytest.param(step("herhaal", every_weeks=6, until_week=104), id="herhaal"),
    ],
)
def test_each_rule_with_its_own_fields_is_valid(tmp_path: Path, text: str) -> None:
    assert load(tmp_path, "timeline.yml", text) == []


def test_every_rule_is_tested() -> None:
    assert set(RULE_FIELDS) == {
        "dag",
        "einde-week",
        "begin-week",
        "werkdag-na-week",
        "periode",
        "herhaal",
    }


# (timeline, the text on the line the problem is reported at, the message after 'file:line: ')
STEP_RULES = [
    pytest.param(
        step("dag"),
        "- id: stap",
        "steps[0].day: rule 'dag' needs 'day' (the day number, counting the first sick day as "
        "day 1); add it",
        id="dag-without-day",
    ),
    pytest.param(
        step("dag", day=1),
        "day: 1",
        "steps[0].day: day 1 falls in week 1, not in week 6; make 'week' the week of the day",
        id="day-outside-its-week",
    ),
    pytest.param(
        step("herhaal", until_week=104),
        "- id: stap",
        "steps[0].every_weeks: rule 'herhaal' needs 'every_weeks' (the number of weeks between "
        "repeats); add it",
        id="herhaal-without-every-weeks",
    ),
    pytest.param(
        step("herhaal", every_weeks=6),
        "- id: stap",
        "steps[0].until_week: rule 'herhaal' needs 'until_week' (the last week); add it",
        id="herhaal-without-until-week",
    ),
    pytest.param(
        step("periode"),
        "- id: stap",
        "steps[0].until_week: rule 'periode' needs 'until_week' (the last week); add it",
        id="periode-without-until-week",
    ),
    pytest.param(
        step("periode", until_week=6),
        "until_week: 6",
        "steps[0].until_week: until_week 6 must come after week 6; raise until_week",
        id="periode-ending-before-it-starts",
    ),
    pytest.param(
        step("einde-week", day=40),
        "day: 40",
        "steps[0].day: rule 'einde-week' does not use 'day'; remove it or change the rule",
        id="field-the-rule-does-not-use",
    ),
    pytest.param(
        step("werkdag-na-week", until_week=8),
        "until_week: 8",
        "steps[0].until_week: rule 'werkdag-na-week' does not use 'until_week'; remove it or "
        "change the rule",
        id="werkdag-na-week-needs-only-week",
    ),
    pytest.param(
        step("week-na-dag"),
        "rule: week-na-dag",
        "steps[0].rule: 'week-na-dag' is not allowed; use one of 'dag', 'einde-week', "
        "'begin-week', 'werkdag-na-week', 'periode' or 'herhaal'",
        id="unknown-rule",
    ),
    pytest.param(
        TIMELINE.replace("week: 6", "week: zes"),
        "week: zes",
        "steps[0].week: expected a whole number, found the text 'zes'; write a number such as 3",
        id="week-not-a-number",
    ),
    pytest.param(
        TIMELINE.replace("week: 6", "week: 0"),
        "week: 0",
        "steps[0].week: the number 0 is out of range; use a number of at least 1",
        id="week-zero",
    ),
    pytest.param(
        TIMELINE.replace("binding_rules: https://www.uwv.nl/", "binding_rules: www.uwv.nl"),
        "binding_rules:",
        "binding_rules: the text 'www.uwv.nl' is not a web address; write it in full, starting "
        "with https://",
        id="url-without-scheme",
    ),
    pytest.param(
        TIMELINE.replace("    week: 6\n", "    week: 6\n    planner: misschien\n"),
        "planner: misschien",
        "steps[0].planner: expected true or false, found the text 'misschien'; write true or false",
        id="planner-not-a-boolean",
    ),
]


@pytest.mark.parametrize(("text", "at", "message"), STEP_RULES)
def test_each_broken_timeline_rule_is_reported_at_its_line(
    tmp_path: Path, text: str, at: str, message: str
) -> None:
    assert load(tmp_path, "timeline.yml", text) == [
        f"data/timeline.yml:{line_of(text, at)}: {message}"
    ]


@pytest.mark.parametrize(
    ("text", "at", "message"),
    [
        pytest.param(
            ROLES.replace("[melding, behandeling]", "[melding, herstel]"),
            "phases:",
            "roles[0].phases[1]: unknown phase 'herstel'; use one of melding, behandeling, "
            "plan-terugkeer, terug-aan-het-werk, als-het-anders-loopt",
            id="unknown-phase",
        ),
        pytest.param(
            ROLES.replace("ask: [Wat kan wel?]", "ask: Wat kan wel?"),
            "ask:",
            "roles[0].ask: expected a list, found the text 'Wat kan wel?'; write a list: one "
            "'- item' line per item, or [a, b]",
            id="text-instead-of-a-list",
        ),
        pytest.param(
            "roles:\n  bedrijfsarts: {name: Bedrijfsarts}\n",
            "roles:",
            "roles: expected a list, found fields ('key: value' lines); write a list: one "
            "'- item' line per item, or [a, b]",
            id="mapping-instead-of-a-list",
        ),
        pytest.param(
            "- roles: []\n",
            "- roles",
            "expected fields ('key: value' lines), found a list; write the fields at the start "
            "of the line, not as a list",
            id="file-is-a-list",
        ),
        pytest.param(
            "# nog leeg\n",
            "# nog leeg",
            "there are no fields here; write them as 'key: value' lines",
            id="empty-file",
        ),
    ],
)
def test_broken_roles_are_reported_at_their_line(
    tmp_path: Path, text: str, at: str, message: str
) -> None:
    assert load(tmp_path, "roles.yml", text) == [f"data/roles.yml:{line_of(text, at)}: {message}"]


def test_a_folder_named_like_a_data_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / "data" / "glossary.yml").mkdir(parents=True)
    _, issues = load_all_data(tmp_path / "data", tmp_path, PHASES)
    assert [str(issue) for issue in issues] == [
        "data/glossary.yml: this is a folder, not a file; rename or remove it"
    ]
