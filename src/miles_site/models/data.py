"""Structured data under data/: roles, organisations, glossary and the Poortwachter timeline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import AnyHttpUrl, BaseModel, Field, ValidationInfo, field_validator

from miles_site.errors import ContentIssue
from miles_site.models.base import Strict, load_model
from miles_site.models.page import Source
from miles_site.models.phases import Phases
from miles_site.models.search_words import SearchWords
from miles_site.models.types import PhaseId, Slug, unknown_page
from miles_site.sources import LoadedYaml


class Role(Strict):
    """Someone involved in sick leave and return to work, and what an employer can expect."""

    id: Slug
    name: str = Field(min_length=1, description="Name of the role, e.g. 'Bedrijfsarts'.")
    what: str = Field(min_length=1, description="What they do.")
    when: str = Field(min_length=1, description="When to involve them.")
    ask: tuple[str, ...] = Field(min_length=1, description="What you may ask them.")
    phases: tuple[PhaseId, ...] = Field(
        default=(), description="Phases where the role matters most."
    )
    sources: tuple[Source, ...] = Field(min_length=1)


class RoleFile(Strict):
    """data/roles.yml."""

    roles: tuple[Role, ...] = Field(min_length=1)


For = Literal[
    "werkgever", "leidinggevende", "hr", "medewerker", "collega", "bedrijfsarts", "iedereen"
]


class Organisation(Strict):
    """An organisation outside the employer that can help."""

    id: Slug
    name: str = Field(min_length=1)
    url: AnyHttpUrl
    description: str = Field(min_length=1, description="What it offers.")
    audience: tuple[For, ...] = Field(min_length=1, description="For whom.")
    phases: tuple[PhaseId, ...] = ()
    checked: dt.date = Field(description="When the link and description were last checked.")


class OrganisationFile(Strict):
    """data/organisations.yml."""

    organisations: tuple[Organisation, ...] = Field(min_length=1)


class Term(Strict):
    """A Dutch term that readers may not know."""

    term: str = Field(min_length=1, description="The term as it appears in running text.")
    definition: str = Field(
        min_length=1, description="A plain explanation in one or two sentences."
    )
    also: tuple[str, ...] = Field(default=(), description="Other forms, e.g. a plural.")
    page: str | None = Field(default=None, description="Page under content/ that explains more.")
    # Not 'also': those forms get the tooltip wherever the text uses them, whereas these are
    # only what readers type in the search box (misspellings and colloquial words included).
    zoekwoorden: SearchWords = ()


class GlossaryFile(Strict):
    """data/glossary.yml."""

    terms: tuple[Term, ...] = Field(min_length=1)


# "werkdag-na-week": the first working day (Monday to Friday) on or after day 7 * week + 1,
# e.g. UWV's "uiterlijk de eerste werkdag na de 42e ziekteweek". Public holidays are not skipped.
Rule = Literal["dag", "einde-week", "begin-week", "werkdag-na-week", "periode", "herhaal"]

# The fields besides 'week' that each rule counts with; any other is a mistake.
RULE_FIELDS: dict[str, tuple[str, ...]] = {
    "dag": ("day",),
    "einde-week": (),
    "begin-week": (),
    "werkdag-na-week": (),
    "periode": ("until_week",),
    "herhaal": ("every_weeks", "until_week"),
}
_MEANING = {
    "day": "the day number, counting the first sick day as day 1",
    "until_week": "the last week",
    "every_weeks": "the number of weeks between repeats",
}


class TimelineStep(Strict):
    """One step of the Wet verbetering poortwachter, counted from the first day of sick leave."""

    id: Slug
    label: str = Field(min_length=1, description="What happens, in a few words.")
    who: str = Field(min_length=1, description="Who acts.")
    rule: Rule = Field(description="How the date is counted: see the file's 'convention'.")
    week: int = Field(ge=1, le=156, description="The week the rule refers to (or starts).")
    until_week: int | None = Field(
        default=None,
        ge=1,
        le=156,
        validate_default=True,
        description="Last week, for rules 'periode' and 'herhaal'.",
    )
    every_weeks: int | None = Field(
        default=None, ge=1, validate_default=True, description="Interval, for rule 'herhaal'."
    )
    day: int | None = Field(
        default=None, ge=1, validate_default=True, description="Day number, for rule 'dag'."
    )
    explanation: str = Field(min_length=1, description="One or two plain sentences.")
    page: str | None = Field(default=None, description="Page under content/ that explains it.")
    checklist: str | None = Field(default=None, description="Id of a checklist that helps.")
    planner: bool = Field(default=True, description="Show this step in the planner.")
    sources: tuple[Source, ...] = Field(min_length=1)

    @field_validator("until_week", "every_weeks", "day")
    @classmethod
    def _as_the_rule_needs(cls, value: int | None, info: ValidationInfo) -> int | None:
        """Require the fields the step's rule counts with, and refuse the others."""
        rule, week, name = info.data.get("rule"), info.data.get("week"), info.field_name
        if rule is None or name is None:  # a wrong rule is reported on its own
            return value
        if value is None and name in RULE_FIELDS[rule]:
            raise ValueError(f"rule '{rule}' needs '{name}' ({_MEANING[name]}); add it")
        if value is not None and name not in RULE_FIELDS[rule]:
            raise ValueError(f"rule '{rule}' does not use '{name}'; remove it or change the rule")
        if value is not None and week is not None and name == "until_week" and value <= week:
            raise ValueError(f"until_week {value} must come after week {week}; raise until_week")
        if value is not None and week is not None and name == "day" and (value + 6) // 7 != week:
            raise ValueError(
                f"day {value} falls in week {(value + 6) // 7}, not in week {week}; "
                "make 'week' the week of the day"
            )
        return value


class Recurrence(Strict):
    """When sick periods add up, and when a new period of 104 weeks starts."""

    add_up_below_days: int = Field(
        ge=1, description="Periods add up when the recovery between them is shorter than this."
    )
    new_period_weeks: int = Field(ge=1, description="Length of the new period that then starts.")
    rule: str = Field(min_length=1, description="The rule in one plain sentence.")
    sources: tuple[Source, ...] = Field(min_length=1)


class TimelineFile(Strict):
    """data/timeline.yml: the legal steps, shared by the law pages and the planner."""

    convention: str = Field(min_length=1, description="How days and weeks are counted.")
    binding_rules: AnyHttpUrl = Field(description="Where the binding rules are (UWV).")
    recurrence: Recurrence
    steps: tuple[TimelineStep, ...] = Field(min_length=1)


M = TypeVar("M", bound=BaseModel)


def load_data(
    data_dir: Path, root: Path, name: str, model: type[M], phases: Phases | None
) -> tuple[M | None, LoadedYaml | None, list[ContentIssue]]:
    """Load one optional data file; a missing file is not an error (its page just has no data)."""
    path = data_dir / name
    if not path.exists() and not path.is_symlink():
        return None, None, []
    return load_model(path, root, model, context={"phases": phases})


class Data:
    """The structured data files that exist, each validated."""

    def __init__(self) -> None:
        self.roles: RoleFile | None = None
        self.organisations: OrganisationFile | None = None
        self.glossary: GlossaryFile | None = None
        self.timeline: TimelineFile | None = None
        self.loaded: dict[str, LoadedYaml] = {}


DATA_FILES: dict[str, type[BaseModel]] = {
    "roles": RoleFile,
    "organisations": OrganisationFile,
    "glossary": GlossaryFile,
    "timeline": TimelineFile,
}


def load_all_data(
    data_dir: Path, root: Path, phases: Phases | None
) -> tuple[Data, list[ContentIssue]]:
    """Load every structured data file that exists."""
    data = Data()
    issues: list[ContentIssue] = []
    for name, model in DATA_FILES.items():
        value, loaded, found = load_data(data_dir, root, f"{name}.yml", model, phases)
        issues += found
        if value is not None and loaded is not None and not found:
            setattr(data, name, value)
            data.loaded[name] = loaded
    return data, issues


def check_data_links(
    data: Data, page_uris: set[str], checklist_ids: set[str]
) -> list[ContentIssue]:
    """Check ids are unique and that pages and checklists the data points to exist."""
    issues: list[ContentIssue] = []

    def unique(name: str, key: str, ids: list[str]) -> None:
        for index, value in enumerate(ids):
            if value in ids[:index]:
                issues.append(
                    data.loaded[name].issue(
                        (key, index, "id"), f"duplicate id '{value}'; give each one its own id"
                    )
                )

    def page(name: str, loc: tuple[str | int, ...], uri: str | None) -> None:
        if uri is not None and uri not in page_uris:
            issues.append(data.loaded[name].issue(loc, unknown_page(uri)))

    if data.roles:
        unique("roles", "roles", [r.id for r in data.roles.roles])
    if data.organisations:
        unique("organisations", "organisations", [o.id for o in data.organisations.organisations])
    if data.glossary:
        for index, term in enumerate(data.glossary.terms):
            page("glossary", ("terms", index, "page"), term.page)
    if data.timeline:
        unique("timeline", "steps", [s.id for s in data.timeline.steps])
        for index, step in enumerate(data.timeline.steps):
            page("timeline", ("steps", index, "page"), step.page)
            if step.checklist is not None and step.checklist not in checklist_ids:
                issues.append(
                    data.loaded["timeline"].issue(
                        ("steps", index, "checklist"),
                        f"unknown checklist '{step.checklist}'; use one of "
                        f"{', '.join(sorted(checklist_ids)) or 'none (there are no checklists)'}",
                    )
                )
    return issues
