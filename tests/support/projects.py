"""Small throwaway MiLES projects for tests: real folders with mkdocs.yml, content and data."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

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


def mkdocs_yml(extra_plugin_options: str = "") -> str:
    """Return an mkdocs.yml like the real one, with the shim taken from the repository."""
    shim = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
    options = textwrap.indent(extra_plugin_options, "      ")
    return (
        textwrap.dedent(f"""\
        site_name: Testsite
        docs_dir: content
        use_directory_urls: false
        theme:
          name: material
          custom_dir: {ROOT / "overrides"}
          language: nl
          font: false
        extra:
          generator: false
        plugins:
          - search
          - miles:
              iframe_worker_shim: {shim}
        """)
        + options
        + textwrap.dedent("""\
        nav:
          - index.md
          - miles:phases
        validation:
          links:
            not_found: warn
        """)
    )


def write_project(root: Path, files: dict[str, str], *, plugin_options: str = "") -> Path:
    """Write a project: the real phase declaration, mkdocs.yml, and ``files`` (path -> text)."""
    (root / "data").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "data" / "phases.yml", root / "data" / "phases.yml")
    (root / "mkdocs.yml").write_text(mkdocs_yml(plugin_options), encoding="utf-8")
    defaults = {"content/index.md": page("Home")}
    for phase in (
        "melding",
        "behandeling",
        "plan-terugkeer",
        "terug-aan-het-werk",
        "als-het-anders-loopt",
    ):
        defaults[f"content/{phase}/index.md"] = page(f"Fase {phase}", phase)
    for name, text in {**defaults, **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root
