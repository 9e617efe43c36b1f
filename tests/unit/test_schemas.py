"""The committed JSON Schemas match the models, and every YAML file points at its schema."""

from __future__ import annotations

import pytest

from miles_site.models.schemas import SCHEMAS, schema_text
from support.projects import ROOT


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schema_matches_the_model(name: str) -> None:
    committed = (ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(name), "run `.venv/bin/miles schemas` and commit the result"


@pytest.mark.parametrize(
    ("folder", "schema"),
    [
        ("video_scripts", "scenario"),
        ("checklists", "checklist"),
        ("data", "phases"),
        ("data", "timeline"),
        ("data", "roles"),
        ("data", "organisations"),
        ("data", "glossary"),
    ],
)
def test_every_yaml_file_names_its_schema(folder: str, schema: str) -> None:
    files = [p for p in (ROOT / folder).glob("*.yml") if folder != "data" or p.stem == schema]
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../schemas/{schema}.schema.json", path
