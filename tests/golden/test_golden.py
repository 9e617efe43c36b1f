"""Golden files: YAML sources render to exactly the committed Markdown and Mermaid.

After an intended change, run `pytest tests/golden --update-golden` and review the diff.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest

from miles_site.models.checklist_checks import load_checklists
from miles_site.models.page import load_pages
from miles_site.models.phases import load_phases
from miles_site.models.scenario_checks import load_scenarios
from miles_site.render.checklist import render_checklist_page
from miles_site.render.scenario import mermaid, render_scenario_page
from support.projects import ROOT

EXPECTED = Path(__file__).parent / "expected"


def compare(name: str, actual: str, update: bool) -> None:
    path = EXPECTED / name
    if update:
        path.write_text(actual, encoding="utf-8")
        pytest.skip(f"updated {path}")
    assert path.is_file(), f"{path} is missing; run pytest with --update-golden"
    assert actual == path.read_text(encoding="utf-8"), f"{name} changed; see --update-golden"


@pytest.fixture(scope="module")
def example():  # type: ignore[no-untyped-def]
    phases, _ = load_phases(ROOT / "data", ROOT)
    found, errors, _ = load_scenarios(ROOT / "tests/fixtures/video_scripts", ROOT, phases)
    assert errors == []
    return found[0], phases


def test_scenario_page_markdown(example, update_golden: bool) -> None:  # type: ignore[no-untyped-def]
    source, phases = example
    compare("voorbeeld.md", render_scenario_page(source, phases), update_golden)


def test_scenario_mermaid(example, update_golden: bool) -> None:  # type: ignore[no-untyped-def]
    source, _ = example
    compare("voorbeeld.mmd", mermaid(source.scenario), update_golden)


def test_checklist_page_markdown(update_golden: bool) -> None:
    phases, _ = load_phases(ROOT / "data", ROOT)
    pages, _ = load_pages(ROOT / "content", ROOT, phases)
    found, errors = load_checklists(
        ROOT / "tests/fixtures/checklists", ROOT, phases, {"voorbeeld"}, {"melding/index.md"}
    )
    assert errors == []
    scenarios, _, _ = load_scenarios(ROOT / "tests/fixtures/video_scripts", ROOT, phases)
    melding = [p for p in pages if p.src_uri == "melding/index.md"]
    page = render_checklist_page(
        found[0].checklist,
        phases,
        [scenarios[0].scenario],
        melding,
        lambda target: posixpath.relpath(target, "checklists"),
    )
    compare("voorbeeld-lijst.md", page, update_golden)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page


def test_yaml_text_is_escaped(example) -> None:  # type: ignore[no-untyped-def]
    source, phases = example
    page = render_scenario_page(source, phases)
    assert "<script>alert(1)</script>" not in page
    assert "neem alle tijd &lt;script&gt;alert(1)&lt;/script&gt;." in page
