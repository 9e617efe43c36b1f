"""Material's stylesheet without the rules that can match nothing in this site (npm PurgeCSS).

Material ships one stylesheet for every feature it has (138 kB, 23 kB gzip), and every page
loads it. After the build has written every page, PurgeCSS keeps the rules whose selectors use
only words that occur in the site: in the built pages, in our own scripts, and among the names
Material's own JavaScript puts into a page (classes it toggles, elements and attributes it
creates: the search results, tooltips, the header shadow, focus rings). Any other word in
Material's code (its minified names, 'rtl', the names of features this site has switched off)
keeps nothing. The purged file is named after its content, like our own scripts, and every page
links it instead of Material's; Material's own file is left out of the site.
tests/browser/test_purged_css.py compares the computed styles of both stylesheets in the states
that Material's JavaScript creates.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import tempfile
from pathlib import Path

from miles_site.assets import AssetError
from miles_site.errors import ContentIssue
from miles_site.reading import relative_name

STYLESHEETS = "assets/stylesheets"
MATERIAL_CSS = re.compile(r"main\.[0-9a-f]+\.min\.css")
# Material's scripts in the site: its bundle and search worker are read for the names they put
# into a page; lunr's language files touch no page.
MATERIAL_JS = re.compile(
    r"assets/javascripts/(?:bundle\.[0-9a-f]+\.min\.js|workers/search\.[0-9a-f]+\.min\.js)"
)
LUNR = "assets/javascripts/lunr/"
# The words PurgeCSS's default extractor finds in a file (its own pattern).
WORD = re.compile(r"[A-Za-z0-9_-]+")
VARIABLE = re.compile(r"--[A-Za-z][\w-]*")
# The custom properties Material's script sets on elements, such as a tooltip's position.
SET_PROPERTY = re.compile(r"setProperty\(\"(--[\w-]+)\"")
# What Material's minified JavaScript can put into a page.
MATERIAL_NAMES = (
    # md-* classes and ids, data-md-* and other data-* attributes
    re.compile(r"(?<![\w-])(?:(?:data-)?md-[\w-]+|data-[a-z][\w-]*)"),
    # classList.add("focus-visible"), .toggle("md-tooltip--active", …), .remove("no-js")
    re.compile(r"classList\.\w+\(\"([\w-]+)\""),
    # setAttribute("role", "dialog"): the name and the value
    re.compile(r"setAttribute\(\"([\w-]+)\",\s*\"([\w -]*)\""),
    # element names in markup strings, such as the worker's '<mark>'
    re.compile(r"<([a-z][a-z0-9]*)[\s>/]"),
    # elements made by its JSX factory: x("div", {…}) or createElement("div")
    re.compile(r"(?:\b\w+|createElement)\(\"([a-z][a-z0-9]*)\"[,)]"),
)
# Material's script builds these components only around markup a page must hold first: code
# annotations and copy buttons in code blocks (<pre>), the version selector when __config names
# mike's versions, repository facts under a repository link (.md-source), status tooltips on
# page status icons (.md-status). Without that markup in any page, their names in its code
# keep nothing (1 kB gzip on every page).
NEEDS = {
    "md-annotation": "pre",
    "md-code": "pre",
    "md-version": "mike",
    "md-source": "md-source",
    "md-status": "md-status",
}
# The properties of those elements: x("div", {class: "md-tooltip2", role: "tooltip"})
MATERIAL_ELEMENT = re.compile(r"\b\w+\(\"[a-z][a-z0-9]*\",\{([^{}]*)\}")
PROPERTY = re.compile(r"([\w-]+):\"([^\"]*)\"")


def purge_material_css(purgecss: Path, site_dir: Path, root: Path) -> str:
    """Replace Material's stylesheet in a built site by its used rules; return the new path."""
    stylesheets = site_dir / STYLESHEETS
    found = sorted(p for p in stylesheets.glob("*.css") if MATERIAL_CSS.fullmatch(p.name))
    if len(found) != 1:
        raise AssetError(
            [
                ContentIssue(
                    relative_name(stylesheets, root),
                    0,
                    "",
                    f"expected one Material stylesheet main.*.min.css, found {len(found)}; "
                    "the miles plugin supports mkdocs-material 9",
                )
            ]
        )
    material = found[0]
    pages = sorted(site_dir.rglob("*.html"))
    texts = [page.read_text(encoding="utf-8") for page in pages]
    words, variables = site_words(site_dir, texts)
    css = _purged(purgecss, material, words, variables, root)
    digest = hashlib.sha256(css.encode("utf-8")).hexdigest()[:8]
    purged = stylesheets / f"material.{digest}.min.css"
    purged.write_text(css, encoding="utf-8")
    material.unlink()
    material.with_name(material.name + ".map").unlink(missing_ok=True)
    old, new = f"{STYLESHEETS}/{material.name}", f"{STYLESHEETS}/{purged.name}"
    for page, text in zip(pages, texts, strict=True):
        if old in text:
            page.write_text(text.replace(old, new), encoding="utf-8")
    return new


def site_words(site_dir: Path, pages: list[str]) -> tuple[set[str], set[str]]:
    """Return the words the site's pages and scripts hold, and the CSS variables they use."""
    # Pages share most of their lines (header, navigation, footer): each distinct line is read
    # once. No word spans a line break. At 1000 pages this takes 0.2 s instead of 1.1 s.
    lines: set[str] = set()
    for text in pages:
        lines.update(text.splitlines())
    markup = "\n".join(lines)
    words = set(WORD.findall(markup))
    variables = set(VARIABLE.findall(markup))
    material: set[str] = set()
    for path in sorted(site_dir.rglob("*.js")):
        uri = path.relative_to(site_dir).as_posix()
        if uri.startswith(LUNR):
            continue
        text = path.read_text(encoding="utf-8")
        if MATERIAL_JS.fullmatch(uri):
            material.update(material_words(text))
            variables.update(SET_PROPERTY.findall(text))
        else:
            words.update(WORD.findall(text))
            variables.update(VARIABLE.findall(text))
    unbuilt = tuple(prefix for prefix, needed in NEEDS.items() if needed not in words)
    words.update(word for word in material if not word.startswith(unbuilt))
    # Our stylesheets use Material's variables; PurgeCSS only sees the one it purges.
    for path in sorted(site_dir.rglob("*.css")):
        if not MATERIAL_CSS.fullmatch(path.name):
            variables.update(VARIABLE.findall(path.read_text(encoding="utf-8")))
    return words, variables


def material_words(script: str) -> set[str]:
    """Return the class, element and attribute names that Material's script can put in a page."""
    words: set[str] = set()
    for pattern in MATERIAL_NAMES:
        for found in pattern.findall(script):
            for word in (found,) if isinstance(found, str) else found:
                words.update(word.split())
    for properties in MATERIAL_ELEMENT.findall(script):
        for name, value in PROPERTY.findall(properties):
            words.add(name)
            words.update(value.split())
    return words


def _purged(purgecss: Path, css: Path, words: set[str], variables: set[str], root: Path) -> str:
    """Run PurgeCSS on one stylesheet with the words as its content; return the kept CSS."""
    if not purgecss.is_file():
        raise AssetError(
            [
                ContentIssue(
                    relative_name(purgecss, root),
                    0,
                    "",
                    "PurgeCSS is missing; run 'npm ci' (make site does this)",
                )
            ]
        )
    with tempfile.TemporaryDirectory(prefix="miles-purge-") as work:
        content = Path(work) / "words.txt"
        content.write_text("\n".join(sorted(words)), encoding="utf-8")
        options = {
            "css": [str(css)],
            "content": [str(content)],
            # Unused custom properties go too (the icons of admonition types the site never
            # uses are most of them), except those our stylesheets and scripts use.
            "variables": True,
            "safelist": {"variables": sorted(variables)},
        }
        config = Path(work) / "purgecss.config.cjs"
        # JSON is a JavaScript expression: the options reach PurgeCSS as data.
        config.write_text(f"module.exports = {json.dumps(options)};\n", encoding="utf-8")
        done = subprocess.run(
            [str(purgecss), "--config", str(config)],
            capture_output=True,
            text=True,
            check=False,
        )
    try:
        results = json.loads(done.stdout) if done.returncode == 0 else None
    except json.JSONDecodeError:
        results = None
    if not isinstance(results, list) or len(results) != 1 or "css" not in results[0]:
        message = (done.stderr or done.stdout).strip().splitlines()
        raise AssetError(
            [
                ContentIssue(
                    relative_name(purgecss, root),
                    0,
                    "",
                    f"PurgeCSS failed on {css.name}: {message[0] if message else 'no output'}",
                )
            ]
        )
    return str(results[0]["css"])
