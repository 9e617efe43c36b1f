"""Which rules of Material's stylesheet the build keeps, and how pages link the result."""

from __future__ import annotations

from pathlib import Path

import pytest

from miles_site.assets import AssetError
from miles_site.unused_css import material_words, purge_material_css
from support.projects import ROOT

PURGECSS = ROOT / "node_modules/.bin/purgecss"
# Pieces of Material's minified bundle, in the forms it uses to put names into a page.
BUNDLE = (
    'x("div",{class:"md-tooltip2 md-tooltip2--top",role:"tooltip"},x("div",{class:"inner"}));'
    'e.classList.add("focus-visible");t.classList.toggle("md-header--shadow",s);'
    'n.setAttribute("data-md-state","lock");r=`<mark data-md-highlight>${o}</mark>`;'
    'if(getComputedStyle(e).direction==="rtl"){var success=a.highlight.k}'
    'x("button",{class:"md-code__button",title:"Kopieer"});'
)
CSS = (
    ":root{--used:red;--ours:blue;--unused:green}"
    ".kept{color:var(--used)}.dropped{color:var(--unused)}"
    ".md-tooltip2[role=tooltip]{color:red}[dir=rtl] .kept{float:right}"
    ".focus-visible{outline:1px solid}.success{color:green}mark{color:red}"
    ".md-code__button{color:red}"
)


def test_material_words_are_the_names_its_script_puts_into_a_page() -> None:
    words = material_words(BUNDLE)
    assert {"md-tooltip2", "md-tooltip2--top", "tooltip", "inner", "div"} <= words
    assert {"focus-visible", "md-header--shadow", "data-md-state", "lock"} <= words
    assert {"mark", "data-md-highlight"} <= words
    # Words of its code that no page holds keep no rules.
    assert not {"rtl", "success", "highlight", "getComputedStyle", "direction"} & words


def site(tmp_path: Path) -> Path:
    """A built site in miniature: two pages, Material's bundle and stylesheet, and ours."""
    root = tmp_path / "site"
    (root / "assets/stylesheets").mkdir(parents=True)
    (root / "assets/javascripts").mkdir(parents=True)
    (root / "assets/stylesheets/main.0123abcd.min.css").write_text(CSS, encoding="utf-8")
    (root / "assets/stylesheets/main.0123abcd.min.css.map").write_text("{}", encoding="utf-8")
    (root / "assets/stylesheets/miles.min.css").write_text(
        ".x{color:var(--ours)}", encoding="utf-8"
    )
    (root / "assets/javascripts/bundle.89abcdef.min.js").write_text(BUNDLE, encoding="utf-8")
    link = '<link rel="stylesheet" href="{}assets/stylesheets/main.0123abcd.min.css">'
    (root / "index.html").write_text(
        f'<html dir="ltr">{link.format("")}<p class="kept">a</p>', encoding="utf-8"
    )
    (root / "deel").mkdir()
    (root / "deel/pagina.html").write_text(f"{link.format('../')}<p>b</p>", encoding="utf-8")
    return root


def test_the_site_gets_the_rules_it_uses_under_a_name_of_their_own(tmp_path: Path) -> None:
    root = site(tmp_path)
    uri = purge_material_css(PURGECSS, root, tmp_path)
    css = (root / uri).read_text(encoding="utf-8")
    assert ".kept{" in css and "--used:red" in css
    assert "--ours:blue" in css, "a variable our stylesheet uses"
    assert ".md-tooltip2[role=tooltip]" in css and ".focus-visible" in css and "mark{" in css
    assert ".dropped" not in css and "--unused" not in css
    assert "rtl" not in css and ".success" not in css
    assert ".md-code__button" not in css, "Material makes copy buttons only in code blocks"
    assert not list(root.glob("assets/stylesheets/main.*")), "Material's file and its map go"
    assert f'href="{uri}"' in (root / "index.html").read_text(encoding="utf-8")
    assert f'href="../{uri}"' in (root / "deel/pagina.html").read_text(encoding="utf-8")
    again = site(tmp_path / "again")
    assert purge_material_css(PURGECSS, again, tmp_path) == uri, "named after its content"


def test_a_theme_without_materials_stylesheet_is_a_clear_error(tmp_path: Path) -> None:
    root = site(tmp_path)
    (root / "assets/stylesheets/main.0123abcd.min.css").unlink()
    with pytest.raises(AssetError, match=r"expected one Material stylesheet main\..*found 0"):
        purge_material_css(PURGECSS, root, tmp_path)


def test_a_failing_purgecss_is_reported_with_its_message(tmp_path: Path) -> None:
    root = site(tmp_path)
    broken = tmp_path / "purgecss"
    broken.write_text("#!/bin/sh\necho 'Error: something broke' >&2\nexit 1\n", encoding="utf-8")
    broken.chmod(0o755)
    with pytest.raises(AssetError, match=r"PurgeCSS failed on main\.0123abcd\.min\.css: Error: so"):
        purge_material_css(broken, root, tmp_path)
    assert (root / "assets/stylesheets/main.0123abcd.min.css").is_file(), "nothing replaced"


def test_materials_code_buttons_are_kept_when_a_page_has_a_code_block(tmp_path: Path) -> None:
    root = site(tmp_path)
    (root / "code.html").write_text("<pre><code>print(1)</code></pre>", encoding="utf-8")
    css = (root / purge_material_css(PURGECSS, root, tmp_path)).read_text(encoding="utf-8")
    assert ".md-code__button" in css
