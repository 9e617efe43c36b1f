"""Readability of every page a reader sees, each problem at the source an author edits.

Written pages are measured with their shortcodes expanded (the cards, tables and lists the build
puts in), and every checklist and scenario page is measured as the build renders it. A problem
on a generated page points at the YAML file and names its hardest texts by line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from miles_site.blocks import render_block
from miles_site.errors import ContentIssue
from miles_site.generated_pages import checklist_page, scenario_page
from miles_site.models.checklist import checklist_texts
from miles_site.models.scenario import scenario_texts
from miles_site.readability import Readability, measure, measure_text
from miles_site.render import checklist as checklist_render
from miles_site.render import scenario as scenario_render
from miles_site.render.shortcodes import find_shortcodes, replace_shortcodes
from miles_site.sources import LoadedYaml, Loc

if TYPE_CHECKING:  # the project module calls measure_site
    from miles_site.project import Project

HARDEST_SHOWN = 3

# Where the text of each shortcode's block comes from, so that an author knows what to edit.
BLOCK_SOURCES = {
    "phases": "data/phases.yml",
    "scenario": "the scenario's summary in video_scripts/",
    "scenarios": "the scenarios' summaries in video_scripts/",
    "checklist": "the checklist's 'conversation' in checklists/",
    "checklists": "the checklists' 'conversation' in checklists/",
    "timeline": "data/timeline.yml",
    "planner": "data/timeline.yml",
    "roles": "data/roles.yml",
    "organisations": "data/organisations.yml",
    "glossary": "data/glossary.yml",
}


@dataclass(frozen=True)
class PageReading:
    """The figures of one page as a reader sees it, and the file an author edits for it."""

    uri: str
    source: str
    figures: Readability


def measure_site(project: Project) -> tuple[list[PageReading], list[ContentIssue]]:
    """Measure every written and generated page; return the figures and a warning per problem."""
    readings: list[PageReading] = []
    warnings: list[ContentIssue] = []
    known = project.shortcode_ids()

    def block(kind: str, arg: str) -> str:
        return render_block(project, kind, arg, _same) if kind in known else ""

    for page in project.pages:
        figures = measure(replace_shortcodes(page.body, block), has_front_matter=False)
        readings.append(PageReading(page.src_uri, page.file, figures))
        problems = figures.problems()
        if problems:
            note = _block_note(page.body, page.body_line, block)
            warnings += [
                ContentIssue(page.file, page.body_line, "readability", problem + note)
                for problem in problems
            ]
    generated = [
        (
            checklist_render.page_uri(source.checklist.id),
            checklist_page(project, source),
            source.loaded,
            list(checklist_texts(source.checklist)),
        )
        for source in project.checklists
    ] + [
        (
            scenario_render.page_uri(source.scenario.id),
            scenario_page(project, source),
            source.loaded,
            list(scenario_texts(source.scenario)),
        )
        for source in project.scenarios
    ]
    for uri, markdown, loaded, texts in generated:
        figures = measure(markdown)
        readings.append(PageReading(uri, loaded.file, figures))
        warnings += _yaml_warnings(uri, figures, loaded, texts)
    return readings, warnings


def _same(target: str) -> str:
    """Leave a link target as it is: addresses are not measured."""
    return target


def _block_note(body: str, body_line: int, block: Any) -> str:
    """Say which shortcode blocks of a page read badly on their own, and where their text lives."""
    codes = list(find_shortcodes(body, body_line))
    if not codes:
        return ""
    hard = []
    for code in codes:
        figures = measure(block(code.kind, code.arg), has_front_matter=False)
        if figures.problems():
            source = BLOCK_SOURCES.get(code.kind, "its data")
            hard.append(
                f"the miles:{code.kind} block at line {code.line} measures Flesch–Douma "
                f"{figures.flesch_douma:.0f} and {figures.words_per_sentence:.1f} words per "
                f"sentence (text from {source})"
            )
    if not hard:
        return " (measured with the blocks of its shortcodes)"
    return " (measured with the blocks of its shortcodes; " + "; ".join(hard) + ")"


def _yaml_warnings(
    uri: str, figures: Readability, loaded: LoadedYaml, texts: list[tuple[Loc, str]]
) -> list[ContentIssue]:
    """Warn about a generated page at its hardest text, and name the other hard texts by line."""
    problems = figures.problems()
    if not problems:
        return []
    scored = sorted(
        ((measure_text([text]), loc) for loc, text in texts),
        key=lambda pair: (pair[0].flesch_douma, -pair[0].words_per_sentence),
    )
    hardest = scored[:HARDEST_SHOWN]
    listed = ", ".join(
        f"line {loaded.line_of(loc)} (Flesch–Douma {text.flesch_douma:.0f}, "
        f"{text.words_per_sentence:.0f} words per sentence)"
        for text, loc in hardest
    )
    line = loaded.line_of(hardest[0][1] if hardest else ())
    return [
        ContentIssue(
            loaded.file, line, "readability", f"the page {uri}: {problem}. Hardest texts: {listed}"
        )
        for problem in problems
    ]
