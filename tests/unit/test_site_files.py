"""The files the YAML sources add to the site, and a PDF that cannot be made."""

from __future__ import annotations

from pathlib import Path

import pytest

from miles_site import site_files
from miles_site.errors import ContentIssue
from miles_site.generated_pages import generated_pages
from miles_site.models.checklist import Checklist
from miles_site.pdf.fields import FormError
from miles_site.project import Paths, load_project
from support.projects import ROOT


def test_a_pdf_that_cannot_be_made_is_a_problem_of_its_checklist(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = load_project(Paths.under(ROOT))
    broken = project.checklists[0].checklist.id

    def fake_pdf(checklist: Checklist, text: str, cache: Path, version: str = "") -> bytes:
        if checklist.id == broken:
            raise FormError("field x: /DA names no font of the form")
        return b"%PDF-" + version.encode()

    monkeypatch.setattr(site_files, "cached_checklist_pdf", fake_pdf)
    pages = generated_pages(project)
    files, problems = site_files.generated_files(project, pages, "v1")
    assert problems == [
        ContentIssue(
            f"checklists/{broken}.yml",
            0,
            "",
            "its PDF cannot be made (field x: /DA names no font of the form); please report this "
            "as a bug of miles_site",
        )
    ]
    pdfs = {f.src_uri: f.data for f in files if f.src_uri.endswith(".pdf")}
    assert len(pdfs) == len(project.checklists) - 1
    assert set(pdfs.values()) == {b"%PDF-v1"}, "every other PDF shows the content version"
    markdown = {f.src_uri: f.content for f in files if f.src_uri.endswith(".md")}
    assert markdown == {page.uri: page.markdown for page in pages}, "each page rendered once"
