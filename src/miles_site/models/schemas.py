"""JSON Schemas for the YAML sources, generated from the models so the two never drift apart."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from miles_site.models.checklist import Checklist
from miles_site.models.data import GlossaryFile, OrganisationFile, RoleFile, TimelineFile
from miles_site.models.phases import PhaseFile
from miles_site.models.scenario import Scenario

SCHEMAS: dict[str, type[BaseModel]] = {
    "checklist": Checklist,
    "glossary": GlossaryFile,
    "organisations": OrganisationFile,
    "roles": RoleFile,
    "timeline": TimelineFile,
    "phases": PhaseFile,
    "scenario": Scenario,
}


def schema_text(name: str) -> str:
    """Return the JSON Schema of one kind of YAML file, as committed under schemas/."""
    schema = SCHEMAS[name].model_json_schema(mode="validation")
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{name}.schema.json",
        **schema,
    }
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into ``folder``; return the files that changed."""
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for name in SCHEMAS:
        path = folder / f"{name}.schema.json"
        text = schema_text(name)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed
