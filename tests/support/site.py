"""The real site, built once per test session."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BuiltSite:
    """The built site folder and its offline zip."""

    site: Path
    zip_path: Path

    def pages(self) -> list[Path]:
        """Return every HTML page of the site, relative to its root."""
        return sorted(p.relative_to(self.site) for p in self.site.rglob("*.html"))
