"""Our lean sidebar partial writes the same navigation as Material's own partial.

overrides/partials/nav-item.html replaces Material's partial to keep the build linear in the
page count. These tests build one small site twice, with our partial and with Material's, and
compare the sidebars of every page: a Material upgrade that changes the markup fails here.
"""

from __future__ import annotations

import logging
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.theme import Theme

from support.projects import ROOT, page, write_project

FILES = {
    "content/melding/a.md": page("Alfa", "melding"),
    "content/melding/b.md": page("Bravo", "melding") + "\n## Kopje\n\nTekst.\n\n## Nog een\n",
    "content/behandeling/c.md": page("Charlie", "behandeling"),
    "content/extra/los.md": page("Los"),
    "content/extra/diep/een.md": page("Een"),
    "content/extra/diep/twee.md": page("Twee & <drie>"),
}
# Features of Material's partial that ours writes the same markup for.
SUPPORTED = {"navigation.indexes", "navigation.prune"}
# A section without an index page that holds a nested section, and an external link.
EXTRA_NAV = [
    {
        "Extra": [
            "extra/los.md",
            {"Dieper": ["extra/diep/een.md", "extra/diep/twee.md"]},
            {"Rijksoverheid": "https://www.rijksoverheid.nl"},
        ]
    }
]


VOID = {"input", "br", "img", "hr", "meta", "link"}


class _Sidebar(HTMLParser):
    """Collect the primary navigation as a list of normalised tags and texts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.events: list[tuple[str, ...]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        primary = tag == "nav" and "md-nav--primary" in (dict(attrs).get("class") or "")
        if not self.depth and not primary:
            return
        if tag not in VOID:
            self.depth += 1
        normal = sorted((name, " ".join((value or "").split())) for name, value in attrs)
        self.events.append(("start", tag, *(f"{name}={value}" for name, value in normal)))

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.events.append(("end", tag))
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and data.strip():
            self.events.append(("text", " ".join(data.split())))


def sidebar(html: str) -> list[tuple[str, ...]]:
    """Return the primary navigation of a page, with whitespace normalised."""
    parser = _Sidebar()
    parser.feed(html)
    return parser.events


def build_sidebars(project: Path, custom_dir: Path, features: list[str]) -> dict[str, list]:
    """Build the project with this theme folder and features; return each page's sidebar."""
    data = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    data["theme"]["custom_dir"] = str(custom_dir)
    data["theme"]["features"] = features
    data["nav"] = [*data["nav"], *EXTRA_NAV]
    data["plugins"] = [p for p in data["plugins"] if p not in ("search", "offline")]
    config_file = project / f"mkdocs-{custom_dir.name}.yml"
    config_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    site = project / f"site-{custom_dir.name}"
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    config = load_config(str(config_file), site_dir=str(site), strict=False)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()
    return {
        path.relative_to(site).as_posix(): sidebar(path.read_text(encoding="utf-8"))
        for path in sorted(site.rglob("*.html"))
    }


@pytest.mark.parametrize(
    "features",
    [
        ["navigation.indexes", "navigation.prune"],
        ["navigation.indexes"],
        ["navigation.prune"],
        [],
    ],
    ids=["indexes+prune", "indexes", "prune", "plain"],
)
def test_lean_partial_writes_materials_sidebar(tmp_path: Path, features: list[str]) -> None:
    project = write_project(tmp_path / "project", FILES)
    material_dir = tmp_path / "material"
    shutil.copytree(ROOT / "overrides", material_dir)
    (material_dir / "partials" / "nav-item.html").unlink()

    ours = build_sidebars(project, ROOT / "overrides", features)
    theirs = build_sidebars(project, material_dir, features)

    assert ours.keys() == theirs.keys()
    assert len(ours) > 10
    for name, events in theirs.items():
        assert events, f"{name}: no sidebar found"
        assert ours[name] == events, f"{name}: the sidebar differs from Material's"


def test_site_enables_no_feature_the_lean_partial_leaves_out() -> None:
    material = Path(Theme(name="material").dirs[0]) / "partials" / "nav-item.html"
    read_by_material = set(re.findall(r'"(navigation\.[a-z.]+)" in features', material.read_text()))
    assert read_by_material >= SUPPORTED, "Material no longer reads these features"
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    enabled = set(config["theme"]["features"])
    unsupported = (enabled & read_by_material) - SUPPORTED
    assert not unsupported, (
        f"overrides/partials/nav-item.html does not write the markup of {sorted(unsupported)}; "
        "add it there (and to SUPPORTED) or remove the feature"
    )
