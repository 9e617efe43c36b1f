"""Serve a built site on this machine the way a static host does, for trial runs and the tests.

Static hosts (GitHub Pages, Netlify, nginx with ``error_page``) answer an address they lack with
the site's ``404.html`` and status 404; Python's plain file server answers with a page of its
own. The study script runs on the 404 page too, so trial runs and tests must see the real one.
"""

from __future__ import annotations

import functools
import http.server
import socket
from http import HTTPStatus
from pathlib import Path

# Where a built site keeps the page a host shows for any address the site lacks.
NOT_FOUND_PAGE = "404.html"


class StaticSiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serve files from ``directory``; answer a missing one with the site's 404.html."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Send the site's own not-found page for a 404, else the server's error page."""
        page = Path(self.directory) / NOT_FOUND_PAGE
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class QuietStaticSiteHandler(StaticSiteHandler):
    """A StaticSiteHandler that logs no requests (for the tests)."""

    def log_message(self, format: str, *args: object) -> None:
        """Log nothing."""


class _IPv6Server(http.server.ThreadingHTTPServer):
    address_family = socket.AF_INET6


def site_server(
    host: str, port: int, handler: type[StaticSiteHandler], directory: Path
) -> http.server.ThreadingHTTPServer:
    """Bind a threaded server for ``directory`` on host:port; raise OSError if it cannot."""
    server_class = _IPv6Server if ":" in host else http.server.ThreadingHTTPServer
    return server_class((host, port), functools.partial(handler, directory=str(directory)))
