"""Partials of Material that overrides/ empties, because this site has no use for their scripts.

Each would put a script in every page (about 0.3 kB gzip together) that does nothing here: the
palette script restores a colour scheme chosen with a palette toggle the site does not have, and
the tabs script opens content tabs the site does not use. These tests fail when the site starts
to need them, or when Material gives the partials another job.
"""

from __future__ import annotations

import re
from pathlib import Path

import material
import yaml

from support.projects import ROOT
from support.site import BuiltSite

MATERIAL = Path(material.__file__).parent / "templates"
OURS = ROOT / "overrides"
CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
# Each emptied partial, the word each of its scripts holds, and the word it leaves in a page.
EMPTIED = {
    "partials/javascripts/palette.html": ("__palette", "__palette"),
    "partials/javascripts/content.html": ("tabbed", "__tabbed_"),
}


def extensions() -> list[str]:
    """Return the names of the Markdown extensions in mkdocs.yml."""
    return [next(iter(e)) if isinstance(e, dict) else e for e in CONFIG["markdown_extensions"]]


def test_the_site_has_no_palette_toggle_and_no_content_tabs() -> None:
    assert "palette" not in CONFIG["theme"], (
        "theme.palette is set: delete overrides/partials/javascripts/palette.html, or the "
        "reader's colour choice is never restored"
    )
    assert "pymdownx.tabbed" not in extensions(), (
        "pymdownx.tabbed is on: delete overrides/partials/javascripts/content.html, or links "
        "to a tab no longer open it"
    )
    assert not any("content.tabs" in feature for feature in CONFIG["theme"]["features"])


def test_materials_partials_still_hold_only_those_scripts() -> None:
    for partial, (word, _) in EMPTIED.items():
        text = (MATERIAL / partial).read_text(encoding="utf-8")
        scripts = re.findall(r"<script>(.*?)</script>", text, re.S)
        assert scripts, f"Material's {partial} has no script any more: delete our copy"
        assert all(word in script for script in scripts), (
            f"Material's {partial} does more than before: check what overrides/{partial} drops"
        )
        without_scripts = re.sub(r"<script>.*?</script>|\{#.*?#\}|\{%.*?%\}", "", text, flags=re.S)
        assert without_scripts.strip() == "", f"Material's {partial} holds more than scripts"
        ours = (OURS / partial).read_text(encoding="utf-8")
        assert re.sub(r"\{#.*?#\}", "", ours, flags=re.S).strip() == ""


def test_no_page_carries_those_scripts(built_site: BuiltSite) -> None:
    for page in built_site.pages():
        html = (built_site.site / page).read_text(encoding="utf-8")
        for _, word in EMPTIED.values():
            assert word not in html, f"{page} still carries the script with {word}"
