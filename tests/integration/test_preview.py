"""The live preview (``mkdocs serve``): saving a page never rebuilds the checklist PDFs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from pypdf import PdfReader

from miles_site.plugin import MilesPlugin
from support.projects import ROOT, page, write_project

PAGE = "content/melding/a.md"
FILES = {
    PAGE: page("A", "melding"),
    "video_scripts/voorbeeld.yml": (ROOT / "tests/fixtures/video_scripts/voorbeeld.yml").read_text(
        "utf-8"
    ),
    "checklists/voorbeeld-lijst.yml": (
        ROOT / "tests/fixtures/checklists/voorbeeld-lijst.yml"
    ).read_text("utf-8"),
}


def pdf_text(path: Path) -> str:
    """Return the text a reader sees in a PDF, on one line."""
    return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())


@pytest.fixture
def serving() -> Iterator[None]:
    """Run the builds as `mkdocs serve` does: MkDocs keeps one plugin per process, told once."""
    yield
    # The plugin outlives the test (MkDocs caches plugins that have on_startup): make the next
    # in-process build a normal one again.
    plugin = config_of(ROOT).plugins["miles"]
    assert isinstance(plugin, MilesPlugin)
    plugin.on_startup(command="build", dirty=False)


def config_of(project: Path, site: Path | None = None) -> MkDocsConfig:
    return load_config(str(project / "mkdocs.yml"), site_dir=str(site or project / "site"))


def test_saving_a_page_in_the_preview_rebuilds_no_pdf(
    tmp_path: Path, pdf_builds: list[str], serving: None
) -> None:
    project = write_project(tmp_path, FILES)
    site = tmp_path / "site"
    config = config_of(project, site)
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    assert pdf_builds == ["voorbeeld-lijst"]
    text = pdf_text(site / "checklists/voorbeeld-lijst.pdf")
    assert "Versie 2" in text
    assert "· inhoud" not in text, "the preview's PDF shows only the checklist's own version"

    (project / PAGE).write_text(page("A", "melding") + "\nEen nieuwe zin.\n", "utf-8")
    build(config_of(project, site))  # what the preview does after a save
    assert "Een nieuwe zin." in (site / "melding/a.html").read_text("utf-8")
    assert pdf_builds == ["voorbeeld-lijst"], "a page edit must not rebuild the PDFs"


def test_a_build_puts_the_content_version_in_the_pdf(tmp_path: Path) -> None:
    project = write_project(tmp_path, FILES)
    config = config_of(project)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    label = config.extra["content_version"]
    assert label.startswith("onbekend · "), "a project outside git has no git version"
    assert f"inhoud {label}" in pdf_text(project / "site/checklists/voorbeeld-lijst.pdf")
