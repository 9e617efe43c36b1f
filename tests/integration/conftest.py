"""Fixtures shared by the integration tests."""

from __future__ import annotations

import pytest

from miles_site.models.checklist import Checklist
from miles_site.pdf import checklist as pdf_module


@pytest.fixture
def pdf_builds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every checklist PDF that is made rather than taken from the cache."""
    made: list[str] = []
    real = pdf_module.build_checklist_pdf

    def counting(checklist: Checklist, content_version: str = "") -> bytes:
        made.append(checklist.id)
        return real(checklist, content_version)

    monkeypatch.setattr(pdf_module, "build_checklist_pdf", counting)
    return made
