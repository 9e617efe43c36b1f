"""Build-time benchmark: the cost of the miles plugin on top of plain Material.

Times clean builds of (1) the real site and (2) a synthetic site of 200 pages, each with and
without the miles plugin, and prints milliseconds per page and the ratio plugin / plain.
Run it with `make bench` (or `.venv/bin/python bench/build.py [--repeat N]`).
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402

from support.projects import page, write_project  # noqa: E402

PHASES = ["melding", "behandeling", "plan-terugkeer", "terug-aan-het-werk", "als-het-anders-loopt"]
PARAGRAPH = (
    "Uw medewerker vertelt dat hij kanker heeft. Luister eerst goed en vraag wat hij nodig "
    "heeft. Spreek af wanneer u elkaar weer spreekt. De bedrijfsarts adviseert over werk. "
)


def synthetic_project(root: Path, pages: int) -> Path:
    """Write a project with ``pages`` pages spread over the five phase folders."""
    files = {}
    for number in range(pages - 1 - len(PHASES)):
        phase = PHASES[number % len(PHASES)]
        body = "\n\n".join(f"## Deel {part}\n\n{PARAGRAPH * 4}" for part in range(1, 5))
        files[f"content/{phase}/pagina-{number:03d}.md"] = page(f"Pagina {number}", phase) + body
    return write_project(root, files)


def plain_config(config_file: Path) -> Path:
    """Write a copy of the configuration without the miles plugin (plain Material)."""
    data = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    plugins = [
        p for p in data["plugins"] if p != "miles" and not (isinstance(p, dict) and "miles" in p)
    ]
    data["plugins"] = plugins
    data.pop("nav", None)  # the nav placeholders need the plugin; plain MkDocs builds its own
    data.pop("strict", None)
    data["docs_dir"] = str((config_file.parent / data.get("docs_dir", "docs")).resolve())
    custom_dir = data["theme"].get("custom_dir")
    if custom_dir:
        data["theme"]["custom_dir"] = str((config_file.parent / custom_dir).resolve())
    plain = config_file.with_name("mkdocs.plain.yml")
    plain.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return plain


def time_once(config_file: Path, site_dir: Path) -> float:
    """Return the seconds of one clean build."""
    shutil.rmtree(site_dir, ignore_errors=True)
    config = load_config(str(config_file), site_dir=str(site_dir), strict=False)
    config.plugins.on_startup(command="build", dirty=False)
    start = time.perf_counter()
    build(config)
    elapsed = time.perf_counter() - start
    config.plugins.on_shutdown()
    return elapsed


def html_pages(site_dir: Path) -> int:
    """Count the pages a build wrote (generated scenario and checklist pages included)."""
    return sum(1 for _ in site_dir.rglob("*.html"))


def count_pages(docs_dir: Path) -> int:
    """Count the Markdown pages of a docs folder."""
    return sum(1 for _ in docs_dir.rglob("*.md"))


def run(name: str, config_file: Path, docs_dir: Path, work: Path, repeat: int) -> None:
    """Time one project with and without the plugin, interleaved, and print one result line.

    The fastest of the repeats is kept: on a shared 2-core machine the noise only adds time.
    """
    plain_config_file = plain_config(config_file)
    miles_dir, plain_dir = work / f"{name}-miles", work / f"{name}-plain"
    time_once(config_file, miles_dir)  # warm-up: imports, PDF cache, Jinja templates
    time_once(plain_config_file, plain_dir)
    with_plugin, plain = [], []
    for _ in range(repeat):
        with_plugin.append(time_once(config_file, miles_dir))
        plain.append(time_once(plain_config_file, plain_dir))
    miles_pages, plain_pages = html_pages(miles_dir), html_pages(plain_dir)
    miles_ms = min(with_plugin) * 1000 / miles_pages
    plain_ms = min(plain) * 1000 / plain_pages
    print(
        f"{name:<14} {count_pages(docs_dir):>4} sources  plain {plain_pages:>4} pages "
        f"{plain_ms:6.1f} ms/page  miles {miles_pages:>4} pages {miles_ms:6.1f} ms/page  "
        f"ratio {miles_ms / plain_ms:5.2f}  (median miles {statistics.median(with_plugin):.2f} s, "
        f"plain {statistics.median(plain):.2f} s)"
    )


def main() -> None:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5, help="timed builds per variant")
    args = parser.parse_args()
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        real = work / "real"
        shutil.copytree(
            ROOT,
            real,
            ignore=shutil.ignore_patterns(".venv", ".git", "build", "tests", "bench", "*.pyc"),
            symlinks=True,
        )
        print(
            f"clean builds, fastest of {args.repeat} after a warm-up, per page written; "
            "ratio = with miles / plain Material"
        )
        run("real site", real / "mkdocs.yml", real / "content", work, args.repeat)
        synthetic = synthetic_project(work / "synthetic", 200)
        run("synthetic 200", synthetic / "mkdocs.yml", synthetic / "content", work, args.repeat)


if __name__ == "__main__":
    main()
