"""One Chromium and one HTTP server for all browser tests, over the one built site.

Playwright cannot download its browsers here; it drives Debian's Chromium, whose milestone matches
the pinned playwright version (see pyproject.toml).
"""

from __future__ import annotations

import functools
import http.server
import socket
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from support.browser import CHROMIUM, CHROMIUM_ARGS, RequestLog
from support.site import BuiltSite


@pytest.fixture(scope="session")
def devtools_port() -> int:
    """A free port on 127.0.0.1 for the browser's DevTools endpoint."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.fixture(scope="session")
def browser(devtools_port: int) -> Iterator[Browser]:
    """Start Debian's Chromium once.

    Its DevTools port lets the node auditors (pa11y, Lighthouse) use this same browser.
    """
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing; `make test` installs it (apt-get install chromium)")
    args = [*CHROMIUM_ARGS, f"--remote-debugging-port={devtools_port}"]
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
        yield chromium
        chromium.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def base_url(built_site: BuiltSite) -> Iterator[str]:
    """Serve the built site on a free port of 127.0.0.1."""
    handler = functools.partial(_QuietHandler, directory=str(built_site.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


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


@pytest.fixture(scope="session")
def unzipped(built_site: BuiltSite, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Extract the offline zip once, as a reader would."""
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(built_site.zip_path) as archive:
        archive.extractall(target)
    return target


@pytest.fixture
def offline_page(browser: Browser) -> Iterator[tuple[Page, RequestLog]]:
    """A page with the network switched off and every non-file request aborted."""
    context = browser.new_context(locale="nl-NL", offline=True)
    log = RequestLog(allowed_origin=None)
    context.route("**/*", log.route)
    yield context.new_page(), log
    context.close()
