"""Readability of every page a reader sees, each problem at the source an author edits.

Pages are measured where they are rendered: written pages with their shortcodes expanded (the
cards, tables and lists the build puts in), and every checklist and scenario page as the build
renders it. The plugin measures each page as it renders it; ``miles check`` renders them the same
way with :func:`measure_site`. A problem on a generated page points at the YAML file and names its
hardest texts by line.
"""

from __future__ import annotations

from dataclasses import dataclass

from miles_site.blocks import ExpandedPage, expand_shortcodes
from miles_site.errors import ContentIssue
from miles_site.generated_pages import GeneratedPage, generated_pages
from miles_site.models.page import ContentPage
from miles_site.project import Project
from miles_site.readability import Readability, measure, measure_text
from miles_site.render.shortcodes import find_shortcodes

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
    """Render and measure every written and generated page, as ``miles check`` reports them."""
    readings: list[PageReading] = []
    warnings: list[ContentIssue] = []
    for page in project.pages:
        reading, problems = measure_written(page, expand_shortcodes(project, page.body, _same))
        readings.append(reading)
        warnings += problems
    for generated in generated_pages(project):
        reading, problems = measure_generated(generated)
        readings.append(reading)
        warnings += problems
    return readings, warnings


def measure_written(
    page: ContentPage, expanded: ExpandedPage
) -> tuple[PageReading, list[ContentIssue]]:
    """Measure a written page with its blocks; warn at its front matter, naming hard blocks."""
    figures = measure(expanded.markdown, has_front_matter=False)
    problems = figures.problems()
    note = _block_note(page, expanded) if problems else ""
    warnings = [
        ContentIssue(page.file, page.body_line, "readability", problem + note)
        for problem in problems
    ]
    return PageReading(page.src_uri, page.file, figures), warnings


def measure_generated(page: GeneratedPage) -> tuple[PageReading, list[ContentIssue]]:
    """Measure a checklist or scenario page; warn at its hardest text in the YAML."""
    figures = measure(page.markdown)
    return PageReading(page.uri, page.loaded.file, figures), _yaml_warnings(page, figures)


def _same(target: str) -> str:
    """Leave a link target as it is: addresses are not measured."""
    return target


def _block_note(page: ContentPage, expanded: ExpandedPage) -> str:
    """Say which shortcode blocks of a page read badly on their own, and where their text lives."""
    codes = list(find_shortcodes(page.body, page.body_line))
    if not codes:
        return ""
    hard = []
    for code in codes:
        block = expanded.blocks.get((code.kind, code.arg), "")
        figures = measure(block, has_front_matter=False)
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


def _yaml_warnings(page: GeneratedPage, figures: Readability) -> list[ContentIssue]:
    """Warn about a generated page at its hardest text, and name the other hard texts by line."""
    problems = figures.problems()
    if not problems:
        return []
    loaded = page.loaded
    scored = sorted(
        ((measure_text([text]), loc) for loc, text in page.texts),
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
            loaded.file,
            line,
            "readability",
            f"the page {page.uri}: {problem}. Hardest texts: {listed}",
        )
        for problem in problems
    ]
