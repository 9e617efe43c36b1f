"""What the YAML sources add to the site: generated pages, PDFs, media, and their nav entries."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from miles_site.generated_pages import checklist_page, scenario_page
from miles_site.navigation import NavPage
from miles_site.pdf.checklist import cached_checklist_pdf
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


def generated_files(project: Project, content_version: str = "") -> list[GeneratedFile]:
    """Return every page, PDF and media file that the YAML sources add to the site."""
    return scenario_files(project) + checklist_files(project, content_version)


def scenario_files(project: Project) -> list[GeneratedFile]:
    """Return each scenario's page and the media files its nodes use."""
    files = []
    for source in project.scenarios:
        scenario = source.scenario
        page = scenario_page(project, source)
        files.append(GeneratedFile(scenario_render.page_uri(scenario.id), content=page))
        for node in scenario.nodes.values():
            media = node.media
            for name in (media.video, media.poster, media.captions) if media else ():
                if name and name != "lines":
                    files.append(
                        GeneratedFile(
                            scenario_render.media_uri(name), source=source.media_dir / name
                        )
                    )
    return files


def checklist_files(project: Project, content_version: str = "") -> list[GeneratedFile]:
    """Return each checklist's page and its PDF (cached), whose footer shows the version."""
    files = []
    for source in project.checklists:
        checklist = source.checklist
        page = checklist_page(project, source)
        files.append(GeneratedFile(checklist_render.page_uri(checklist.id), content=page))
        pdf = cached_checklist_pdf(
            checklist, source.loaded.text, project.paths.cache_dir / "pdf", content_version
        )
        files.append(GeneratedFile(checklist_render.pdf_uri(checklist.id), data=pdf))
    return files


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
