"""One Chromium and one HTTP server for all browser tests, over the one built site.

Playwright cannot download its browsers here; it drives Debian's Chromium, whose milestone matches
the pinned playwright version (see pyproject.toml).
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, Route, sync_playwright

CHROMIUM = "/usr/bin/chromium"
# Without these flags Chromium phones home at start-up; the sandbox needs a non-root user.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Start Debian's Chromium once."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing; `make test` installs it (apt-get install chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="session")
def base_url(built_site) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """Serve the built site on a free port of 127.0.0.1."""
    handler = functools.partial(_QuietHandler, directory=str(built_site.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@dataclass
class RequestLog:
    """Every request a page made, and the ones that left the allowed origin."""

    allowed_origin: str | None
    seen: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)

    def route(self, route: Route) -> None:
        url = route.request.url
        self.seen.append(url)
        parsed = urlparse(url)
        local = parsed.scheme in ("data", "blob", "about") or (
            parsed.scheme == "file" if self.allowed_origin is None
            else f"{parsed.scheme}://{parsed.netloc}" == self.allowed_origin
        )
        if local:
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort("internetdisconnected")


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh browser profile (empty storage) for one test."""
    ctx = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


@pytest.fixture
def requests(context: BrowserContext, base_url: str) -> RequestLog:
    """Record every request of the test's pages and block any that leaves the site's origin."""
    parsed = urlparse(base_url)
    log = RequestLog(f"{parsed.scheme}://{parsed.netloc}")
    context.route("**/*", log.route)
    return log


@pytest.fixture
def page(context: BrowserContext, requests: RequestLog) -> Page:
    """A page in a fresh profile whose requests are logged and fenced to the site."""
    return context.new_page()


@pytest.fixture(scope="session")
def axe() -> Axe:
    """axe-core, as bundled with axe-playwright-python."""
    return Axe()


def axe_violations(axe: Axe, page: Page, exclude: list[str] | None = None) -> list[str]:
    """Run axe with the WCAG 2.2 AA tags and describe each violation in one line."""
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    context = {"exclude": [[selector] for selector in exclude]} if exclude else None
    results = axe.run(page, context=context, options=options)
    found = []
    for violation in results.response["violations"]:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:5]]
        found.append(f"{violation['id']} ({violation['impact']}): {violation['help']} -> {targets}")
    return found
