"""Critical-path benchmark: what each page type fetches before its first paint, and in all.

Loads a page of each type (home, phase page, topic page, scenario, checklist, planner) in
Chromium over a local HTTP server of the built site, records every response, and gzips each
body at level 6 (the local server sends bodies as they are; a real server gzips them). It
prints, per page, in kB of gzip:

- **before first render**: the HTML document plus every response that Chromium reports as
  render-blocking (``PerformanceResourceTiming.renderBlockingStatus == "blocking"``). Under the
  HTML standard these are the stylesheets and the synchronous scripts in the head: the browser
  paints nothing before it has them. A script at the end of the body does not count: Chromium
  paints the content above it without waiting for it. The check run proves this for every
  page: it holds back every other response for two seconds, and the first contentful paint
  must still come sooner than that ("FCP held").
- **HTML+CSS+JS**: the HTML plus every stylesheet and script element it names, wherever they
  sit: all the code the page runs once it is complete. This is how issue #13 counted "before
  first render" (80-85 kB), so it is shown too.
- **total**: everything until the network has been quiet for a second after the load event:
  images, the search worker, and the search index if the page fetches it.

A second load per page emulates a mid-range phone (412 x 823 viewport, 4x slower CPU, 150 ms
latency, 1.6 Mbit/s) and reports the first contentful paint and the cumulative layout shift
(CLS: the sum of every layout shift during the load; the benchmark gives no input, and Chromium
flags some of these shifts as "after recent input" all the same, so that flag is ignored), as
Lighthouse's mobile run would see them.

Run: `.venv/bin/python bench/critical_path.py` (builds the site first), or `--site build/site`
to measure an existing build; `--all` measures every page and shows, for each type, the page
with the most HTML+CSS+JS.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from playwright.sync_api import Browser, BrowserContext, Page, Response, Route, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from miles_site.build import build_site  # noqa: E402
from support.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

PAGES = {
    "home": "index.html",
    "phase page": "melding/index.html",
    "topic page": "behandeling/bedrijfsarts-en-baco.html",
    "scenario": "gesprekken/het-nieuws.html",
    "checklist": "checklists/plan-van-aanpak.html",
    "planner": "planner.html",
}
PHASES = ("melding", "behandeling", "plan-terugkeer", "terug-aan-het-werk", "als-het-anders-loopt")
TARGET_KB = 70.0
HOLD_SECONDS = 2.0
QUIET_SECONDS = 1.0
# Lighthouse's mobile run: a Moto G Power screen, a 4x slower CPU and a slow 4G line.
PHONE = {"width": 412, "height": 823}
PHONE_NETWORK = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1.6 * 1024 * 1024 / 8,
    "uploadThroughput": 750 * 1024 / 8,
}
FCP_SCRIPT = "performance.getEntriesByName('first-contentful-paint')[0].startTime"
CLS_SCRIPT = """
window.__cls = 0;
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) window.__cls += entry.value;
}).observe({type: "layout-shift", buffered: true});
"""


@dataclass
class Fetched:
    """One response: its address, raw and gzipped size."""

    url: str
    raw: int
    gzipped: int


@dataclass
class Load:
    """What one page load fetched, split into the three sets."""

    page: str
    responses: dict[str, Fetched] = field(default_factory=dict)
    blocking: set[str] = field(default_factory=set)
    named: set[str] = field(default_factory=set)

    def kb(self, urls: set[str] | None = None) -> float:
        """Sum the gzipped sizes of the given responses (all when None), in kB."""
        chosen = [f for u, f in self.responses.items() if urls is None or u in urls]
        return sum(f.gzipped for f in chosen) / 1000

    def count(self, urls: set[str] | None = None) -> int:
        """Count the given responses (all when None) that were fetched."""
        return sum(1 for u in self.responses if urls is None or u in urls)


class _Assets(HTMLParser):
    """Collect the stylesheets and scripts an HTML document names."""

    def __init__(self, base: str) -> None:
        super().__init__()
        self.base = base
        self.urls: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and values.get("src"):
            self.urls.add(urljoin(self.base, values["src"] or ""))
        if tag == "link" and values.get("rel") == "stylesheet" and values.get("href"):
            self.urls.add(urljoin(self.base, values["href"] or ""))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """Stay quiet when Chromium drops a held-back request as its page closes."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve the site on a free port of 127.0.0.1, like the browser tests do."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def wait_until_quiet(page: Page, last: list[float]) -> None:
    """Wait for the load event, then until no response arrived for QUIET_SECONDS (max 15 s)."""
    page.wait_for_load_state("load")
    deadline = time.monotonic() + 15
    while time.monotonic() - last[0] < QUIET_SECONDS and time.monotonic() < deadline:
        page.wait_for_timeout(100)


def measure(browser: Browser, url: str, path: str) -> Load:
    """Load one page and sort what it fetched."""
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    load = Load(path)
    last = [time.monotonic()]

    def record(response: Response) -> None:
        last[0] = time.monotonic()
        try:
            body = response.body()
        except Exception:  # redirects and aborted requests have no body
            return
        load.responses[response.url] = Fetched(
            response.url, len(body), len(gzip.compress(body, compresslevel=6))
        )

    context.on("response", record)
    page = context.new_page()
    page.goto(url, wait_until="load")
    wait_until_quiet(page, last)
    timing = page.evaluate(
        "performance.getEntriesByType('resource').map(e => [e.name, e.renderBlockingStatus])"
    )
    load.blocking = {url} | {name for name, status in timing if status == "blocking"}
    parser = _Assets(url)
    parser.feed(page.evaluate("document.documentElement.outerHTML"))
    load.named = {url} | parser.urls
    context.close()
    return load


def held_paint(browser: Browser, url: str, blocking: set[str]) -> float:
    """Load a page with every non-blocking response held back; return the FCP in ms."""
    context = browser.new_context(locale="nl-NL")

    def hold(route: Route) -> None:
        if route.request.url not in blocking:
            time.sleep(HOLD_SECONDS)
        route.continue_()

    context.route("**/*", hold)
    page = context.new_page()
    page.goto(url, wait_until="commit")
    page.wait_for_function(
        "performance.getEntriesByName('first-contentful-paint').length > 0", timeout=30_000
    )
    fcp = float(page.evaluate(FCP_SCRIPT))
    context.close()
    return fcp


def phone_load(browser: Browser, url: str) -> tuple[float, float]:
    """Load a page as a throttled phone; return its first contentful paint (ms) and CLS."""
    context: BrowserContext = browser.new_context(
        locale="nl-NL", viewport=PHONE, device_scale_factor=1.75, is_mobile=True, has_touch=True
    )
    context.add_init_script(CLS_SCRIPT)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", PHONE_NETWORK)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    last = [time.monotonic()]
    context.on("response", lambda _: last.__setitem__(0, time.monotonic()))
    page.goto(url, wait_until="load")
    wait_until_quiet(page, last)
    fcp = float(page.evaluate(FCP_SCRIPT))
    cls = float(page.evaluate("window.__cls"))
    context.close()
    return fcp, cls


def page_type(path: str) -> str:
    """Name the type of a page from its place in the site."""
    if path == "index.html":
        return "home"
    if path == "planner.html":
        return "planner"
    folder, _, name = path.rpartition("/")
    if folder == "gesprekken" and name != "index.html":
        return "scenario"
    if folder == "checklists" and name != "index.html":
        return "checklist"
    if folder in PHASES and name == "index.html":
        return "phase page"
    return "topic page"


def chosen_pages(site: Path, every: bool) -> list[tuple[str, str]]:
    """Return (type, path) for the representative pages, or for every page with --all."""
    if not every:
        return list(PAGES.items())
    paths = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    return [(page_type(p), p) for p in paths if p != "404.html"]


def report(site: Path, every: bool, check: bool) -> None:
    """Measure the pages and print one table row per page type."""
    rows: dict[str, tuple[Load, float, float, float | None]] = {}
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for kind, path in chosen_pages(site, every):
            load = measure(browser, base + path, path)
            best = rows.get(kind)
            if best and best[0].kb(best[0].named) >= load.kb(load.named):
                continue
            fcp, cls = phone_load(browser, base + path)
            held = held_paint(browser, base + path, load.blocking) if check else None
            rows[kind] = (load, fcp, cls, held)
        browser.close()
    print(
        f"gzip level 6, kB (1 kB = 1000 bytes); target: at most {TARGET_KB:.0f} kB before first "
        "render, counted as issue #13 does: all HTML+CSS+JS; phone = 412x823, CPU 4x slower, "
        "150 ms, 1.6 Mbit/s"
    )
    header = (
        f"{'page type':<11} {'page':<40} {'before first render':>20} {'HTML+CSS+JS':>14} "
        f"{'total first load':>17} {'phone FCP':>10} {'phone CLS':>10}"
    )
    if check:
        header += f" {'FCP held':>9}"
    print(header)
    for kind in PAGES:
        if kind not in rows:
            continue
        load, fcp, cls, held = rows[kind]
        line = (
            f"{kind:<11} {load.page:<40} "
            f"{load.kb(load.blocking):>11.1f} kB ({load.count(load.blocking):>2}) "
            f"{load.kb(load.named):>6.1f} kB ({load.count(load.named):>2}) "
            f"{load.kb():>8.1f} kB ({load.count():>2}) {fcp:>7.0f} ms {cls:>10.3f}"
        )
        if held is not None:
            line += f" {held:>6.0f} ms"
        print(line)
    heaviest = max(rows.values(), key=lambda row: row[0].kb(row[0].named))[0]
    verdict = "met" if heaviest.kb(heaviest.named) <= TARGET_KB else "NOT met"
    print(
        f"HTML+CSS+JS: at most {heaviest.kb(heaviest.named):.1f} kB ({heaviest.page}); "
        f"target at most {TARGET_KB:.0f} kB on every page type: {verdict}"
    )
    if check:
        held_back = [r[3] for r in rows.values() if r[3] is not None]
        verdict = "holds" if max(held_back) < HOLD_SECONDS * 1000 else "FAILS"
        print(
            f"FCP held: first paint with every other response held back {HOLD_SECONDS:.0f} s; "
            f"the definition of 'before first render' {verdict} on every page measured"
        )


def main() -> None:
    """Build the site (unless --site is given) and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="measure this built site instead of building")
    parser.add_argument("--all", action="store_true", help="every page; heaviest of each type")
    parser.add_argument("--no-check", action="store_true", help="skip the held-back paint run")
    args = parser.parse_args()
    if args.site:
        report(args.site.resolve(), args.all, not args.no_check)
        return
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build_site(ROOT / "mkdocs.yml", site)
        report(site, args.all, not args.no_check)


if __name__ == "__main__":
    main()
