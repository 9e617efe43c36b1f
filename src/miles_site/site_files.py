"""What the YAML sources add to the site: generated pages, PDFs, media, and their nav entries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from miles_site.errors import ContentIssue
from miles_site.generated_pages import GeneratedPage
from miles_site.models.checklist_checks import ChecklistSource
from miles_site.models.scenario import CAPTIONS_FROM_LINES
from miles_site.models.scenario_checks import ScenarioSource
from miles_site.navigation import NavPage
from miles_site.pdf.checklist import cached_checklist_pdf
from miles_site.pdf.fields import FormError
from miles_site.project import Project
from miles_site.render import checklist as checklist_render
from miles_site.render import scenario as scenario_render


@dataclass(frozen=True)
class GeneratedFile:
    """A file the build adds to the site: a page (text), binary data, or a copied file."""

    src_uri: str
    content: str | None = None
    data: bytes | None = None
    source: Path | None = None


def generated_files(
    project: Project, pages: Sequence[GeneratedPage], content_version: str = ""
) -> tuple[list[GeneratedFile], list[ContentIssue]]:
    """Return the rendered ``pages``, with each scenario's media and each checklist's PDF.

    A PDF's footer shows ``content_version`` ('' leaves it out). A PDF that cannot be made is a
    problem of its checklist, not a traceback.
    """
    markdown = {page.uri: page.markdown for page in pages}
    files: list[GeneratedFile] = []
    problems: list[ContentIssue] = []
    for scenario in project.scenarios:
        uri = scenario_render.page_uri(scenario.scenario.id)
        files += [GeneratedFile(uri, content=markdown[uri]), *media_files(scenario)]
    for checklist in project.checklists:
        uri = checklist_render.page_uri(checklist.checklist.id)
        files.append(GeneratedFile(uri, content=markdown[uri]))
        pdf, problem = checklist_pdf(project, checklist, content_version)
        files += [pdf] if pdf else []
        problems += [problem] if problem else []
    return files, problems


def media_files(source: ScenarioSource) -> list[GeneratedFile]:
    """Return the video, poster and captions files that a scenario's nodes use."""
    files = []
    for node in source.scenario.nodes.values():
        media = node.media
        for name in (media.video, media.poster, media.captions) if media else ():
            if name and name != CAPTIONS_FROM_LINES:
                files.append(
                    GeneratedFile(scenario_render.media_uri(name), source=source.media_dir / name)
                )
    return files


def checklist_pdf(
    project: Project, source: ChecklistSource, content_version: str
) -> tuple[GeneratedFile | None, ContentIssue | None]:
    """Return a checklist's PDF (from the cache when nothing changed), or why it cannot be made."""
    checklist = source.checklist
    cache_dir = project.paths.cache_dir / "pdf"
    try:
        pdf = cached_checklist_pdf(checklist, source.loaded.text, cache_dir, content_version)
    except FormError as exc:
        message = f"its PDF cannot be made ({exc}); please report this as a bug of miles_site"
        return None, ContentIssue(source.loaded.file, 0, "", message)
    return GeneratedFile(checklist_render.pdf_uri(checklist.id), data=pdf), None


def nav_pages(project: Project) -> list[NavPage]:
    """Return every page the navigation may list, written and generated, with its order."""
    pages = [NavPage(p.src_uri, p.meta.title, p.meta.order) for p in project.pages]
    for scenario_source in project.scenarios:
        scenario = scenario_source.scenario
        order = project.phases.get(scenario.phase).order * 10 + 100
        pages.append(NavPage(scenario_render.page_uri(scenario.id), scenario.title, order))
    for checklist_source in project.checklists:
        checklist = checklist_source.checklist
        order = project.phases.get(checklist.phases[0]).order * 10 + 100
        pages.append(NavPage(checklist_render.page_uri(checklist.id), checklist.title, order))
    return pages
