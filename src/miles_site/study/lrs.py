"""A small xAPI client: read every statement (following 'more' links) and post batches.

Plain urllib, so that the site's tools need no extra HTTP library. Every failure becomes an
LrsError whose message says what went wrong and what to check.
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from miles_site.study.vocabulary import XAPI_VERSION


class LrsError(Exception):
    """The LRS could not be reached, refused us, or answered something unexpected."""


@dataclass(frozen=True)
class LrsClient:
    """Talks to one LRS as one user with HTTP basic authentication."""

    endpoint: str
    user: str
    password: str
    timeout: float = 60.0

    def __post_init__(self) -> None:
        if not self.endpoint.endswith("/"):
            object.__setattr__(self, "endpoint", self.endpoint + "/")

    def _request(self, method: str, url: str, body: bytes | None = None) -> tuple[int, bytes]:
        """Send one request; return status and body, or raise LrsError with a clear reason."""
        request = urllib.request.Request(url, data=body, method=method)
        token = base64.b64encode(f"{self.user}:{self.password}".encode()).decode("ascii")
        request.add_header("Authorization", f"Basic {token}")
        request.add_header("X-Experience-API-Version", XAPI_VERSION)
        if body is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return int(response.status), response.read()
        except urllib.error.HTTPError as exc:
            status, text = exc.code, exc.read()[:300].decode("utf-8", "replace")
        except (TimeoutError, urllib.error.URLError, ConnectionError) as exc:
            reason = getattr(exc, "reason", exc)
            raise LrsError(
                f"cannot reach the LRS at {self.endpoint} ({reason}); check the address and "
                "that the LRS is running"
            ) from exc
        if status in (401, 403):
            raise LrsError(
                f"the LRS refused user '{self.user}' ({status}): check the user name and "
                "password, and that the account may read all statements (scope statements/read)"
            )
        raise LrsError(f"the LRS answered {status} to {method} {url}: {text}")

    def statement_pages(
        self, since: str | None = None, until: str | None = None
    ) -> Iterator[list[Any]]:
        """Yield the statements page by page, following each 'more' link to the end."""
        query = {key: value for key, value in (("since", since), ("until", until)) if value}
        url = self.endpoint + "statements" + (f"?{urllib.parse.urlencode(query)}" if query else "")
        seen: set[str] = set()
        while url:
            if url in seen:
                raise LrsError(f"the LRS sent the same 'more' link twice ({url}); stopping")
            seen.add(url)
            _, body = self._request("GET", url)
            try:
                result = json.loads(body)
            except ValueError as exc:
                raise LrsError(f"the LRS answered {url} with text that is not JSON") from exc
            if not isinstance(result, dict) or not isinstance(result.get("statements"), list):
                raise LrsError(f"the LRS answered {url} without a 'statements' list")
            yield result["statements"]
            more = result.get("more")
            url = urllib.parse.urljoin(self.endpoint, more) if more else ""

    def post(self, statements: list[dict[str, Any]]) -> int:
        """Post a batch of statements; return the status (200/204), or raise LrsError."""
        status, _ = self._request(
            "POST", self.endpoint + "statements", json.dumps(statements).encode()
        )
        return status
