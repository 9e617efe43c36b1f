"""Front matter for generated pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import yaml


def front_matter(meta: dict[str, Any]) -> str:
    """Return a YAML front-matter block; safe_dump quotes whatever text needs quoting."""
    return (
        "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000) + "---\n\n"
    )


def generated_meta(
    title: str,
    description: str,
    phase: str,
    audience: list[str],
    reviewed: dt.date,
    due: dt.date,
    sources: Iterable[Any],
) -> dict[str, Any]:
    """Return the front matter of a page made from a YAML source (shown like a written page)."""
    return {
        "title": title,
        "description": description,
        "phase": phase,
        "audience": audience,
        "last_reviewed": reviewed.isoformat(),
        "review_due": due.isoformat(),
        "sources": [{"title": s.title, "url": str(s.url)} for s in sources],
    }
