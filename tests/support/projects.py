"""Small throwaway MiLES projects for tests: real folders with mkdocs.yml, content and data."""

from __future__ import annotations

import shutil
import subprocess
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from miles_site.models.scenario_checks import ScenarioSource
    from miles_site.project import Project

ROOT = Path(__file__).resolve().parents[2]

PAGE = """\
---
title: {title}
description: Een testpagina.
{phase}audience: [leidinggevende]
last_reviewed: 2026-11-01
review_due: 2099-11-01
sources:
  - title: Rijksoverheid – Ziekteverzuim
    url: https://www.rijksoverheid.nl/onderwerpen/ziekteverzuim-van-het-werk
---

Dit is een korte pagina. Zij heeft een paar zinnen.
"""


def page(title: str = "Testpagina", phase: str | None = None) -> str:
    """Return a valid page with the given title and phase."""
    return PAGE.format(title=title, phase=f"phase: {phase}\n" if phase else "")


def mkdocs_config(extra_plugin_options: dict[str, object] | None = None) -> dict[str, Any]:
    """Return the real mkdocs.yml settings, with paths that work from another folder."""
    config: dict[str, Any] = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["site_name"] = "Testsite"
    config.pop("site_dir", None)
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    shim = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
    tools = ROOT / "node_modules" / ".bin"
    options = {
        "iframe_worker_shim": str(shim),
        "esbuild": str(tools / "esbuild"),
        "purgecss": str(tools / "purgecss"),
        **(extra_plugin_options or {}),
    }
    config["plugins"] = [{"miles": options} if p == "miles" else p for p in config["plugins"]]
    return config


def nav_entries(config: dict[str, Any]) -> list[str]:
    """Return the folders ('gesprekken/') and pages ('privacy.md') that the nav lists."""
    entries = []
    for entry in config.get("nav", []):
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(value, str) and value.endswith(("/", ".md")):
            entries.append(value)
    return entries


class Special(Enum):
    """What to put at a path instead of a file's text."""

    MISSING = "no file at all"
    FOLDER = "a folder"
    BROKEN_LINK = "a symbolic link to a file that does not exist"


Content = str | bytes | Special


def write_project(
    root: Path, files: dict[str, Content], *, plugin_options: dict[str, object] | None = None
) -> Path:
    """Write a project: the real configuration and phases, a minimal page for every place the
    nav needs one, and ``files`` (path -> text, bytes or something special), which may replace
    those pages."""
    (root / "data").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "data" / "phases.yml", root / "data" / "phases.yml")
    config = mkdocs_config(plugin_options)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    defaults: dict[str, Content] = {
        "content/index.md": page("Home"),
        "content/fasen.md": page("Fasen"),
    }
    for phase in (
        "melding",
        "behandeling",
        "plan-terugkeer",
        "terug-aan-het-werk",
        "als-het-anders-loopt",
    ):
        defaults[f"content/{phase}/index.md"] = page(f"Fase {phase}", phase)
    for entry in nav_entries(config):
        name = f"content/{entry}index.md" if entry.endswith("/") else f"content/{entry}"
        title = entry.strip("/").removesuffix(".md").capitalize()
        body = "\n<!-- miles:scenarios -->\n" if entry == "gesprekken/" else ""
        defaults.setdefault(name, page(title) + body)
    for name, content in {**defaults, **files}.items():
        write(root / name, content)
    return root


def write(path: Path, content: Content) -> None:
    """Put ``content`` at ``path``, replacing whatever was there."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)
    if content is Special.FOLDER:
        path.mkdir()
    elif content is Special.BROKEN_LINK:
        path.symlink_to(path.with_name("bestaat-niet.yml"))
    elif isinstance(content, bytes):
        path.write_bytes(content)
    elif isinstance(content, str):
        path.write_text(content, encoding="utf-8")


def miles(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the miles command in ``project``, as an author would, and capture what it says."""
    return subprocess.run(
        [sys.executable, "-m", "miles_site", *args],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """Return the 1-based number of the n-th line of ``text`` that contains ``needle``."""
    hits = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    return hits[occurrence - 1]


def scenario_source(project: Project, scenario_id: str) -> ScenarioSource:
    """Return the loaded scenario ``scenario_id`` of ``project`` (with its YAML source)."""
    return next(s for s in project.scenarios if s.scenario.id == scenario_id)
