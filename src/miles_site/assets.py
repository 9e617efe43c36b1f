"""The site's own scripts and stylesheet: which component needs which script, minified by esbuild.

The readable sources live in ``overrides/assets/``. The build minifies them with esbuild (npm,
pinned in package.json) and serves one script per component, which a page loads only when its
HTML holds that component. File names carry a hash of the content, so that a browser never
combines a cached old script with a new page.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from miles_site.errors import ContentIssue
from miles_site.reading import relative_name

SCRIPTS = "assets/javascripts"
STYLESHEET = "assets/stylesheets/miles.css"


@dataclass(frozen=True)
class Component:
    """An interactive block: the attribute that marks it in a page and the scripts it runs."""

    name: str
    marker: str
    sources: tuple[str, ...]

    def on(self, html: str) -> bool:
        """Tell whether a page's HTML holds this component (an element with the marker)."""
        return re.search(rf"<[a-z]+\s[^>]*\b{self.marker}\b", html) is not None


# Sources are file names under overrides/assets/javascripts, in the order they must run.
COMPONENTS = (
    Component("scenario", "data-miles-player", ("miles-scenario.js",)),
    Component("checklist", "data-miles-checklist", ("miles-checklist.js",)),
    Component(
        "planner",
        "data-miles-planner",
        ("miles-planner-dates.js", "miles-ics.js", "miles-planner.js"),
    ),
)
# Runs on every page, before Material's bundle: suggestions when a search finds nothing, and
# the search index held back until search opens.
SEARCH = "miles-search.js"


@dataclass(frozen=True)
class Asset:
    """A file the build writes: where the site serves it, and its minified text."""

    uri: str
    content: str


@dataclass(frozen=True)
class Assets:
    """The minified files, and the source files (site paths) they stand in for."""

    scripts: dict[str, Asset]
    search: Asset
    stylesheet: Asset
    replaced: frozenset[str]

    def all(self) -> list[Asset]:
        """Return every minified file."""
        return [*self.scripts.values(), self.search, self.stylesheet]

    def scripts_for(self, html: str) -> list[str]:
        """Return the site paths of the scripts that a page with this HTML needs."""
        return [self.scripts[c.name].uri for c in COMPONENTS if c.on(html)]


class AssetError(Exception):
    """esbuild is missing or refused a source; holds the issues to report."""

    def __init__(self, issues: list[ContentIssue]) -> None:
        super().__init__("; ".join(str(issue) for issue in issues))
        self.issues = issues


def build_assets(esbuild: Path, assets_dir: Path, root: Path) -> Assets:
    """Minify every component's scripts and the stylesheet in one esbuild run."""
    if not esbuild.is_file():
        raise AssetError(
            [
                ContentIssue(
                    relative_name(esbuild, root),
                    0,
                    "",
                    "esbuild is missing; run 'npm ci' (make site does this)",
                )
            ]
        )
    sources = sorted({SEARCH, *(name for c in COMPONENTS for name in c.sources)})
    paths = [assets_dir / "javascripts" / name for name in sources]
    paths.append(assets_dir / "stylesheets" / "miles.css")
    minified = _minify(esbuild, paths, assets_dir, root)
    scripts = {}
    for component in COMPONENTS:
        text = "".join(_terminated(minified[f"javascripts/{name}"]) for name in component.sources)
        scripts[component.name] = _hashed(f"{SCRIPTS}/miles-{component.name}", ".min.js", text)
    search = _hashed(f"{SCRIPTS}/miles-search", ".min.js", minified[f"javascripts/{SEARCH}"])
    stylesheet = _hashed("assets/stylesheets/miles", ".min.css", minified["stylesheets/miles.css"])
    replaced = frozenset({*(f"{SCRIPTS}/{name}" for name in sources), STYLESHEET})
    return Assets(scripts, search, stylesheet, replaced)


def _minify(esbuild: Path, paths: list[Path], assets_dir: Path, root: Path) -> dict[str, str]:
    """Run esbuild once over the files; return each result by its path under assets_dir."""
    missing = [p for p in paths if not p.is_file()]
    if missing:
        raise AssetError(
            [
                ContentIssue(relative_name(p, root), 0, "", "a component's source is missing")
                for p in missing
            ]
        )
    with tempfile.TemporaryDirectory(prefix="miles-assets-") as out:
        command = [
            str(esbuild),
            *map(str, paths),
            "--minify",
            f"--outbase={assets_dir}",
            f"--outdir={out}",
            "--log-level=error",
            "--color=false",
        ]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise AssetError(_esbuild_issues(done.stderr, root))
        return {
            path.relative_to(assets_dir).as_posix(): (
                Path(out) / path.relative_to(assets_dir)
            ).read_text(encoding="utf-8")
            for path in paths
        }


def _esbuild_issues(stderr: str, root: Path) -> list[ContentIssue]:
    """Turn esbuild's '✘ [ERROR] message' + '    file:line:col:' lines into issues."""
    issues = []
    message = ""
    for line in stderr.splitlines():
        error = re.match(r"^\W*\[ERROR\]\s*(.+)$", line)
        where = re.match(r"^\s+(\S+?):(\d+):\d+:\s*$", line)
        if error:
            message = error.group(1)
        elif where and message:
            issues.append(
                ContentIssue(
                    relative_name(Path(where[1]), root), int(where[2]), "", f"esbuild: {message}"
                )
            )
            message = ""
    return issues or [ContentIssue("overrides/assets", 0, "", f"esbuild failed: {stderr.strip()}")]


def _terminated(script: str) -> str:
    """End a minified script with a semicolon and a line break, so that scripts can follow."""
    script = script.rstrip()
    return script + ("\n" if script.endswith(";") else ";\n")


def _hashed(stem: str, suffix: str, content: str) -> Asset:
    """Name a file after the first characters of its content's SHA-256."""
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:8]
    return Asset(f"{stem}.{digest}{suffix}", content)
