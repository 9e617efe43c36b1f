"""The content version: the same sources give the same hash; git names the commit or tag."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from miles_site.study.version import content_version, hash_sources


def project(root: Path) -> Path:
    (root / "content").mkdir(parents=True)
    (root / "content" / "index.md").write_text("# Welkom\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    return root


def version(root: Path) -> tuple[str, str]:
    found = content_version(root, [root / "content"], [root / "mkdocs.yml"])
    return found.label, found.source_hash


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@t", *args],
                   check=True, capture_output=True)  # fmt: skip


def test_without_git_the_git_part_is_unknown_and_the_hash_is_kept(tmp_path: Path) -> None:
    label, digest = version(project(tmp_path / "a"))
    assert label == f"onbekend · {digest[:12]}"
    # Another folder with the same files has the same version; crlf line ends do not matter.
    other = project(tmp_path / "b")
    (other / "content" / "index.md").write_bytes(b"# Welkom\r\n")
    assert version(other) == (label, digest)
    (other / "content" / "index.md").write_text("# Welkom!\n", encoding="utf-8")
    assert version(other)[1] != digest


def test_hidden_files_and_caches_do_not_count(tmp_path: Path) -> None:
    root = project(tmp_path)
    before = version(root)
    (root / "content" / ".DS_Store").write_bytes(b"x")
    (root / "content" / "__pycache__").mkdir()
    assert version(root) == before


def test_editor_backups_and_temporary_files_do_not_count(tmp_path: Path) -> None:
    root = project(tmp_path)
    before = version(root)
    # Vim's write probe and backup, Emacs's auto-save, while `make serve` rebuilds.
    for name in ("4913", "index.md~", "#index.md#"):
        (root / "content" / name).write_text("tijdelijk", encoding="utf-8")
    assert version(root) == before


def test_a_file_that_vanishes_is_skipped_and_one_that_cannot_be_read_is_returned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = project(tmp_path)
    page, gone = root / "content" / "index.md", root / "content" / "weg.md"
    digest, none = hash_sources(root, [page])
    assert none == []
    # Listed, then deleted before it was read (an editor's temporary file): as if never there.
    assert hash_sources(root, [page, gone]) == (digest, [])
    locked = root / "content" / "geheim.md"
    locked.write_text("x", encoding="utf-8")
    real = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        if path == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    digest_without, [problem] = hash_sources(root, [page, locked])
    assert digest_without == digest
    assert problem.file == "content/geheim.md"
    assert "cannot be read (Permission denied)" in problem.message
    found = content_version(root, [root / "content"], [root / "mkdocs.yml"])
    assert [p.file for p in found.problems] == ["content/geheim.md"]


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_git_names_the_commit_then_the_tag_and_marks_changes(tmp_path: Path) -> None:
    root = project(tmp_path)
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "first")
    commit = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True,
                            text=True, check=True).stdout.strip()  # fmt: skip
    label, digest = version(root)
    assert label == f"{commit[:12]} · {digest[:12]}"
    git(root, "tag", "v1.0")
    assert version(root)[0] == f"v1.0 · {digest[:12]}"
    (root / "content" / "nieuw.md").write_text("# Nieuw\n", encoding="utf-8")
    assert version(root)[0].startswith("v1.0-gewijzigd · ")
