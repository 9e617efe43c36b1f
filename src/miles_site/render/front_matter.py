"""Front matter for generated pages."""

from __future__ import annotations

from typing import Any

import yaml


def front_matter(meta: dict[str, Any]) -> str:
    """Return a YAML front-matter block; safe_dump quotes whatever text needs quoting."""
    return (
        "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000) + "---\n\n"
    )
