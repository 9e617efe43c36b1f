"""The checklist PDF cache removes a checklist's own old PDFs, never another checklist's."""

from __future__ import annotations

from pathlib import Path

import pytest

from miles_site.models.checklist import Checklist
from miles_site.pdf import checklist as pdf_module


def fake_checklist(checklist_id: str) -> Checklist:
    return Checklist.model_construct(id=checklist_id)


def test_rebuilding_one_checklist_keeps_the_pdfs_of_longer_ids(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf_module, "build_checklist_pdf", lambda c, *_: f"%PDF-{c.id}".encode())
    short, longer = fake_checklist("eerste"), fake_checklist("eerste-gesprek")
    pdf_module.cached_checklist_pdf(longer, "a", tmp_path)
    pdf_module.cached_checklist_pdf(short, "a", tmp_path)
    pdf_module.cached_checklist_pdf(short, "b", tmp_path)  # replaces the old 'eerste' PDF
    names = sorted(path.name.rsplit("-", 1)[0] for path in tmp_path.glob("*.pdf"))
    assert names == ["eerste", "eerste-gesprek"]
    assert (tmp_path / f"eerste-{pdf_module.cache_key('b')}.pdf").read_bytes() == b"%PDF-eerste"
