"""Search benchmark: how often the right page comes first, the index size, the first load.

Builds the real site (or takes a built one with --site), serves it on 127.0.0.1 and drives
Chromium:

1. types every query of tests/search/queries.yml into the real search box (one page, type,
   read, clear) and prints the top-1 and top-3 hit rates over the queries that should pass
   (targets: top-1 at least 70%, top-3 at least 90%), then lists every query that misses;
2. prints the size of the search index, raw and gzipped;
3. opens a topic page, opens the search box and waits until search is ready, and sums the
   gzipped size of everything the page fetched (HTML, CSS, scripts, search worker, lunr files,
   search index): the first load (target: at most 250 kB gzip).

Run: `.venv/bin/python bench/search.py [--site build/site]`.
"""

from __future__ import annotations

import argparse
import collections
import functools
import gzip
import http.server
import os
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from playwright.sync_api import Browser, sync_playwright  # noqa: E402

from miles_site.build import build_site  # noqa: E402
from support.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from support.search import Query, SearchBox, hit_rates, load_queries  # noqa: E402

PAGE = "melding/eerste-formele-stappen.html"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve the site folder on a free port; yield its address."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def gzipped(path: Path) -> int:
    """Return the size of a file gzipped as a web server would (level 6)."""
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def relevance(browser: Browser, base: str) -> None:
    """Run the relevance set and print the hit rates and the misses."""
    page = browser.new_page()
    page.goto(base + PAGE, wait_until="load")
    box = SearchBox(page, base)
    results: dict[Query, list[str]] = {q: box.top(q.query) for q in load_queries()}
    page.close()
    scored = {q: found for q, found in results.items() if not q.xfail}
    top1, top3 = hit_rates(scored)
    print(
        f"relevance: {len(scored)} queries: top-1 {top1:.0%} (target >= 70%), "
        f"top-3 {top3:.0%} (target >= 90%); {len(results) - len(scored)} expected to fail"
    )
    for query, found in results.items():
        if found[:1] and found[0] in query.expected_pages:
            continue
        where = "top-3" if query.expected_pages & set(found) else "miss "
        note = f"  [expected: {query.xfail}]" if query.xfail else ""
        print(f"  {where} {query.query!r}: {', '.join(found) or 'nothing'}{note}")


def first_load(browser: Browser, base: str, site: Path) -> None:
    """Print the gzipped bytes a page fetches until its search is ready, by kind."""
    context = browser.new_context()
    fetched: list[str] = []
    context.on("request", lambda request: fetched.append(request.url))
    page = context.new_page()
    page.goto(base + PAGE, wait_until="load")
    SearchBox(page, base).clear()  # opens the box and waits until the worker answers
    context.close()
    kinds: collections.Counter[str] = collections.Counter()
    for url in dict.fromkeys(fetched):
        path = site / unquote(urlparse(url).path).lstrip("/")
        if path.is_file():
            kind = "search index" if path.parent.name == "search" else path.suffix.lstrip(".")
            kinds[kind] += gzipped(path)
    total = sum(kinds.values())
    parts = ", ".join(f"{kind} {size / 1000:.1f}" for kind, size in kinds.most_common())
    print(f"first load with search ready: {total / 1000:.1f} kB gzip (target <= 250; {parts})")


def main() -> None:
    """Build (or take) the site and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", type=Path, help="a built site folder (default: build one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            build_site(ROOT / "mkdocs.yml", site)
        index = site / "search" / "search_index.json"
        print(
            f"search index: {index.stat().st_size / 1000:.0f} kB, "
            f"{gzipped(index) / 1000:.1f} kB gzip"
        )
        with serve(site) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            relevance(browser, base)
            first_load(browser, base, site)
            browser.close()


if __name__ == "__main__":
    main()
