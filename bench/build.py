"""Build-time benchmark: the cost of the miles plugin, how the build grows, the offline zip.

Times clean builds of (1) the real site and (2) synthetic sites of 100, 200 and 1000 pages of the
real configuration, each with and without the miles plugin, and prints milliseconds per page
written and the ratio plugin / plain. Then it prints how the cost per page grows with the site
(targets: at most 12 ms per page at 1000 pages, and at most 1.5 times the cost at 100 pages) and
the size of the offline zip of the real site, by kind of file.
Run it with `make bench` (or `.venv/bin/python bench/build.py [--repeat N] [--sizes 100,1000]`).
"""

from __future__ import annotations

import argparse
import collections
import logging
import os
import shutil
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402

from miles_site.build import make_offline_zip  # noqa: E402
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


def time_once(config_file: Path, site_dir: Path) -> tuple[float, float]:
    """Return the wall-clock and the CPU seconds of one clean build.

    The CPU time of this process is a steadier figure on a busy shared machine, where the wall
    clock also counts the time other processes had the cores.
    """
    shutil.rmtree(site_dir, ignore_errors=True)
    config = load_config(str(config_file), site_dir=str(site_dir), strict=False)
    config.plugins.on_startup(command="build", dirty=False)
    start, start_cpu = time.perf_counter(), time.process_time()
    build(config)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    config.plugins.on_shutdown()
    return elapsed, cpu


def html_pages(site_dir: Path) -> int:
    """Count the pages a build wrote (generated scenario and checklist pages included)."""
    return sum(1 for _ in site_dir.rglob("*.html"))


def count_pages(docs_dir: Path) -> int:
    """Count the Markdown pages of a docs folder."""
    return sum(1 for _ in docs_dir.rglob("*.md"))


def html_kib_per_page(site_dir: Path) -> float:
    """Return the average size of the HTML pages a build wrote, in KiB."""
    sizes = [path.stat().st_size for path in site_dir.rglob("*.html")]
    return sum(sizes) / len(sizes) / 1024


def run(
    name: str, config_file: Path, docs_dir: Path, work: Path, repeat: int
) -> tuple[float, float]:
    """Time one project with and without the plugin, interleaved, and print one result line.

    Returns the wall-clock and CPU milliseconds per page written with the plugin. The fastest of
    the repeats is kept: on a shared 2-core machine the noise only adds time.
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
    miles_ms = min(wall for wall, _ in with_plugin) * 1000 / miles_pages
    miles_cpu = min(cpu for _, cpu in with_plugin) * 1000 / miles_pages
    plain_ms = min(wall for wall, _ in plain) * 1000 / plain_pages
    plain_cpu = min(cpu for _, cpu in plain) * 1000 / plain_pages
    print(
        f"{name:<14} {count_pages(docs_dir):>4} sources  plain {plain_pages:>4} pages "
        f"{plain_ms:6.1f} ms/page (cpu {plain_cpu:5.1f})  miles {miles_pages:>4} pages "
        f"{miles_ms:6.1f} ms/page (cpu {miles_cpu:5.1f})  ratio {miles_ms / plain_ms:5.2f} "
        f"(cpu {miles_cpu / plain_cpu:4.2f})  "
        f"HTML {html_kib_per_page(miles_dir):5.1f} KiB/page  "
        f"(median miles {statistics.median(wall for wall, _ in with_plugin):.2f} s, "
        f"plain {statistics.median(wall for wall, _ in plain):.2f} s)",
        flush=True,
    )
    return miles_ms, miles_cpu


def print_growth(per_page: dict[int, tuple[float, float]]) -> None:
    """Print how the cost per page grows with the page count, against the targets."""
    smallest = min(per_page)
    for size in sorted(per_page):
        if size != smallest:
            wall = per_page[size][0] / per_page[smallest][0]
            cpu = per_page[size][1] / per_page[smallest][1]
            print(f"growth {size}/{smallest} pages: {wall:4.2f} x per page (cpu {cpu:.2f} x)")
    if {100, 1000} <= per_page.keys():
        verdict = {True: "met", False: "NOT met"}
        for label, n in (("wall clock", 0), ("cpu time", 1)):
            ms, growth = per_page[1000][n], per_page[1000][n] / per_page[100][n]
            print(
                f"targets by {label}: {ms:.1f} ms/page at 1000 pages (at most 12: "
                f"{verdict[ms <= 12]}), growth 1000/100 {growth:.2f} x (at most 1.5: "
                f"{verdict[growth <= 1.5]})"
            )


def print_zip(site_dir: Path, work: Path) -> None:
    """Pack the offline zip of a built site and print its size by kind of file."""
    zip_path = work / "miles-offline.zip"
    make_offline_zip(site_dir, zip_path, "MiLES")
    with zipfile.ZipFile(zip_path) as archive:
        kinds: collections.Counter[str] = collections.Counter()
        for info in archive.infolist():
            name = info.filename
            kind = "search index" if "/search/" in name else Path(name).suffix.lstrip(".")
            kinds[kind or "other"] += info.compress_size
    parts = ", ".join(f"{kind} {size / 1e6:.2f}" for kind, size in kinds.most_common(5))
    print(f"offline zip: {zip_path.stat().st_size / 1e6:.2f} MB (compressed MB by kind: {parts})")


def main() -> None:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5, help="timed builds per variant")
    parser.add_argument(
        "--sizes", default="100,200,1000", help="synthetic site sizes in pages, comma-separated"
    )
    args = parser.parse_args()
    sizes = sorted({int(size) for size in args.sizes.split(",")})
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
        load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
        print(
            f"clean builds, fastest of {args.repeat} after a warm-up, per page written; "
            f"ratio = with miles / plain Material (load average {load})"
        )
        run("real site", real / "mkdocs.yml", real / "content", work, args.repeat)
        per_page = {}
        for size in sizes:
            synthetic = synthetic_project(work / f"synthetic-{size}", size)
            name = f"synthetic {size}"
            per_page[size] = run(
                name, synthetic / "mkdocs.yml", synthetic / "content", work, args.repeat
            )
        print_growth(per_page)
        print_zip(work / "real site-miles", work)


if __name__ == "__main__":
    main()
