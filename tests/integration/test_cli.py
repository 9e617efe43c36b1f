"""The miles command: graph, pdf, schemas, check --report, and the live-preview watch list."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from pypdf import PdfReader

from miles_site.plugin import MilesPlugin
from miles_site.project import Paths, load_project
from support.projects import ROOT, miles, write_project
from support.site import BuiltSite

EXAMPLE = ROOT / "tests/fixtures/video_scripts/voorbeeld.yml"


def test_graph_prints_a_mermaid_flowchart() -> None:
    result = miles(ROOT, "graph", "het-nieuws")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[1] == "flowchart TD"
    assert any('-->|"aanbevolen"|' in line for line in lines)
    assert sum("([" in line for line in lines) >= 2, "at least two endings"


def test_graph_of_an_unknown_scenario_says_which_exist() -> None:
    result = miles(ROOT, "graph", "bestaat-niet")
    assert result.returncode == 1
    assert "Scenario 'bestaat-niet' is unknown; known scenarios: contact-tijdens" in result.stderr


def test_graph_of_a_broken_scenario_shows_its_problems(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace("next: afstand", "next: nergens")
    project = write_project(tmp_path, {"video_scripts/voorbeeld.yml": text})
    result = miles(project, "graph", "voorbeeld")
    assert result.returncode == 1
    assert "video_scripts/voorbeeld.yml:" in result.stderr
    assert "unknown node 'nergens'" in result.stderr
    assert "Traceback" not in result.stderr


def test_pdf_writes_one_checklist_with_the_sites_content_version(
    tmp_path: Path, built_site: BuiltSite
) -> None:
    out = tmp_path / "lijst.pdf"
    result = miles(ROOT, "pdf", "eerste-gesprek", "-o", str(out))
    assert result.returncode == 0, result.stderr
    reader = PdfReader(out)
    fields = reader.get_fields() or {}
    project = load_project(Paths.under(ROOT))
    checklist = next(c.checklist for c in project.checklists if c.checklist.id == "eerste-gesprek")
    assert list(fields) == [item.id for item in checklist.items]
    assert result.stdout.strip() == f"wrote {out}"
    label = json.loads((built_site.site / "version.json").read_text("utf-8"))["content_version"]
    footer = " ".join(reader.pages[0].extract_text().split())
    assert f"Versie {checklist.version} · inhoud {label}" in footer


def test_schemas_are_up_to_date_and_rewritten_when_removed(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    (tmp_path / "schemas" / "scenario.schema.json").unlink()
    result = miles(tmp_path, "schemas")
    assert result.returncode == 0
    assert "updated schemas/scenario.schema.json" in result.stdout
    assert (tmp_path / "schemas" / "scenario.schema.json").read_text() == (
        ROOT / "schemas" / "scenario.schema.json"
    ).read_text()


def test_check_report_writes_a_readability_table(tmp_path: Path) -> None:
    report = tmp_path / "leesbaarheid.csv"
    result = miles(ROOT, "check", "--report", str(report))
    assert result.returncode == 0, result.stderr
    lines = report.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "page,words,sentences,words_per_sentence,flesch_douma,long_words_pct,status"
    assert any(line.startswith("content/melding/eerste-reactie.md,") for line in lines)
    assert all(line.endswith(",ok") for line in lines[1:])


class _Server:
    """Records what the live-reload server is asked to watch."""

    def __init__(self) -> None:
        self.watched: list[str] = []

    def watch(self, path: str) -> None:
        self.watched.append(path)


def test_serve_reloads_on_yaml_and_data_changes() -> None:
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    plugin = config.plugins["miles"]
    assert isinstance(plugin, MilesPlugin)
    plugin.on_config(config)
    server = _Server()
    plugin.on_serve(server, config=config, builder=None)  # type: ignore[arg-type]
    watched = {Path(path).name for path in server.watched}
    assert {"video_scripts", "checklists", "data"} <= watched
