"""Readability of every page a reader sees (#9 §5): generated pages and shortcode blocks too, each
problem reported at the file an author edits."""

from __future__ import annotations

import posixpath
import shutil
from pathlib import Path

import pytest
from markupsafe import escape

from miles_site.blocks import expand_shortcodes
from miles_site.generated_pages import scenario_page
from miles_site.project import Paths, Project, load_project
from miles_site.readability import Readability, measure, prose
from miles_site.site_readability import measure_site
from support.projects import ROOT, line_of, page, scenario_source

HTML = """\
<p class="miles-lead">Eerste zin zonder punt</p>
<label for="a">Tweede blok</label>
<script type="application/json">{"label": "Deze woorden staan alleen in de data"}</script>
<table><caption>Een tabel</caption><tr><td>Tabel telt niet mee</td></tr></table>
<h3 id="x">Een kop telt niet mee</h3>
<ol><li class="c">Een <a href="#x">link</a> in een <strong>lijst</strong>.</li></ol>
"""


def test_html_blocks_are_blocks_and_data_tables_and_headings_are_left_out() -> None:
    assert prose(HTML, has_front_matter=False) == [
        "Eerste zin zonder punt",
        "Tweede blok",
        "Een link in een lijst.",
    ]


HARD = (
    "Overeenkomstig de toepasselijke arbeidsrechtelijke voorschriften inventariseert de "
    "werkgever systematisch alle relevante arbeidsomstandigheden, communicatieverplichtingen "
    "en re-integratiemogelijkheden, waarbij bijzondere aandacht uitgaat naar "
    "verantwoordelijkheidsverdeling, documentatievereisten en administratieve consequenties."
)


def project_with(tmp_path: Path, *, purpose: str, conversation: str, body: str) -> Path:
    """A tiny project: the real phases, one page, the example scenario and one checklist."""
    (tmp_path / "data").mkdir()
    shutil.copy(ROOT / "data/phases.yml", tmp_path / "data/phases.yml")
    (tmp_path / "content/melding").mkdir(parents=True)
    (tmp_path / "content/melding/index.md").write_text(page("Melding", "melding") + body, "utf-8")
    shutil.copytree(ROOT / "tests/fixtures/video_scripts", tmp_path / "video_scripts")
    (tmp_path / "checklists").mkdir()
    example = (ROOT / "tests/fixtures/checklists/voorbeeld-lijst.yml").read_text("utf-8")
    example = example.replace(
        "purpose: Met deze lijst bereidt u een gesprek voor. Zo vergeet u niets.",
        f"purpose: {purpose}",
    ).replace(
        "conversation: Leidinggevende en medewerker, na de melding.",
        f"conversation: {conversation}",
    )
    (tmp_path / "checklists/voorbeeld-lijst.yml").write_text(example, "utf-8")
    return tmp_path


def readability_warnings(root: Path) -> list[str]:
    project = load_project(Paths.under(root))
    assert project.errors == []
    return [str(w) for w in measure_site(project)[1] if w.loc == "readability"]


def figures_of(project: Project) -> dict[str, Readability]:
    return {reading.uri: reading.figures for reading in measure_site(project)[0]}


def test_a_hard_checklist_page_is_reported_at_its_hardest_text(tmp_path: Path) -> None:
    root = project_with(tmp_path, purpose=HARD, conversation="U en uw medewerker.", body="")
    warnings = readability_warnings(root)
    text = (root / "checklists/voorbeeld-lijst.yml").read_text("utf-8")
    assert warnings, "the hard purpose should make the page fail"
    line = line_of(text, "purpose:")
    for warning in warnings:
        assert warning.startswith(f"checklists/voorbeeld-lijst.yml:{line}: readability: the page ")
        assert "checklists/voorbeeld-lijst.md: " in warning
        assert f"Hardest texts: line {line} (Flesch–Douma " in warning
    assert any("below 60" in w for w in warnings)


def test_a_plain_project_has_no_readability_warnings(tmp_path: Path) -> None:
    plain = "Met deze lijst bereidt u een gesprek voor. Zo vergeet u niets."
    root = project_with(tmp_path, purpose=plain, conversation="U en uw medewerker.", body="")
    assert readability_warnings(root) == []


def test_a_shortcode_block_counts_for_the_page_and_names_its_source(tmp_path: Path) -> None:
    body = "\nHier staan de lijsten.\n\n<!-- miles:checklists -->\n"
    root = project_with(tmp_path, purpose="Een korte zin.", conversation=HARD, body=body)
    project = load_project(Paths.under(root))
    readings, warnings = measure_site(project)
    figures = next(r.figures for r in readings if r.uri == "melding/index.md")
    alone = measure(project.pages[0].body, has_front_matter=False)
    assert figures.words > alone.words + 20, "the block's text is measured with the page"
    page_warnings = [str(w) for w in warnings if w.file == "content/melding/index.md"]
    text = (root / "content/melding/index.md").read_text("utf-8")
    assert page_warnings
    assert all(
        f"the miles:checklists block at line {line_of(text, 'miles:checklists')} measures" in w
        and "(text from the checklists' 'conversation' in checklists/)" in w
        for w in page_warnings
    )


@pytest.fixture(scope="module")
def project() -> Project:
    return load_project(Paths.under(ROOT))


def test_the_scenario_page_carries_each_line_once_and_is_measured_whole(project: Project) -> None:
    source = scenario_source(project, "het-nieuws")
    markdown = scenario_page(project, source)
    # The player reads the scenes from the transcript: no second copy in inline data.
    assert "<script" not in markdown
    lines = [line.text for node in source.scenario.nodes.values() for line in node.lines]
    assert len(lines) > 10
    for text in lines:
        assert markdown.count(str(escape(text))) == 1, text
    assert figures_of(project)["gesprekken/het-nieuws.md"] == measure(markdown)


def test_every_generated_page_of_the_site_is_measured_at_its_source(project: Project) -> None:
    readings, _ = measure_site(project)
    sources = {reading.uri: reading.source for reading in readings}
    for checklist in project.checklists:
        uri = f"checklists/{checklist.checklist.id}.md"
        assert sources[uri] == f"checklists/{checklist.checklist.id}.yml"
    for scenario in project.scenarios:
        uri = f"gesprekken/{scenario.scenario.id}.md"
        assert sources[uri] == f"video_scripts/{scenario.scenario.id}.yml"
    assert len(sources) == len(project.pages) + len(project.checklists) + len(project.scenarios)
    failing = {r.uri: r.figures for r in readings if r.figures.problems()}
    assert failing == {}


def test_the_build_and_miles_check_measure_a_page_alike(project: Project) -> None:
    # The build expands a page's blocks with links relative to the page, miles check without:
    # addresses are not read, so the figures must not differ.
    linked = 0
    for written in project.pages:
        here = posixpath.dirname(written.src_uri) or "."
        built = expand_shortcodes(
            project, written.body, lambda to, here=here: posixpath.relpath(to, here)
        )
        checked = expand_shortcodes(project, written.body, lambda to: to)
        linked += built.markdown != checked.markdown
        assert measure(built.markdown, has_front_matter=False) == measure(
            checked.markdown, has_front_matter=False
        ), written.src_uri
    assert linked >= 5, "pages whose blocks link elsewhere"
