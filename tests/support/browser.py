"""Helpers for the browser tests: Chromium settings, a request fence, and axe."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlparse

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, Route

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


@dataclass
class RequestLog:
    """Every request pages made, and those that left the allowed origin (None: file:// only)."""

    allowed_origin: str | None
    seen: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)

    def route(self, route: Route) -> None:
        """Let local requests through; record and abort all others."""
        url = route.request.url
        self.seen.append(url)
        parsed = urlparse(url)
        if parsed.scheme in ("data", "blob", "about"):
            local = True
        elif self.allowed_origin is None:
            local = parsed.scheme == "file"
        else:
            local = f"{parsed.scheme}://{parsed.netloc}" == self.allowed_origin
        if local:
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort("internetdisconnected")


def axe_violations(axe: Axe, page: Page, exclude: list[str] | None = None) -> list[str]:
    """Run axe with the WCAG 2.2 AA tags and describe each violation in one line."""
    # Measure the settled page: a tooltip that is still fading in has a blended colour.
    page.mouse.move(0, 0)
    page.evaluate("Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)))")
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    context = {"exclude": [[selector] for selector in exclude]} if exclude else None
    results = axe.run(page, context=context, options=options)
    found = []
    for violation in results.response["violations"]:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:5]]
        found.append(f"{violation['id']} ({violation['impact']}): {violation['help']} -> {targets}")
    return found
