"""The content version of a build: which git tag or commit, and a hash of the sources.

CONSORT-EHEALTH asks trials to report the exact version of the intervention. The git part names
the version for people; the source hash proves it, also for a build from a folder without git
(then the git part is 'onbekend').
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from miles_site.errors import ContentIssue

UNKNOWN = "onbekend"
HASH_LENGTH = 12
# Backups and temporary files editors leave beside a source: 'x.md~' (Vim, Emacs), '#x.md#'
# (Emacs), '4913' and other digit-only names (Vim's probe whether it may write the folder).
_EDITOR_FILE = re.compile(r".*~$|#.*#$|\d+$")


@dataclass(frozen=True)
class GitState:
    """What git says about the checkout: a tag on HEAD, the commit, and uncommitted changes."""

    tag: str | None
    commit: str
    dirty: bool

    @property
    def ref(self) -> str:
        """Return the tag, else the short commit; marked when the sources differ from it."""
        name = self.tag or self.commit[:HASH_LENGTH]
        return f"{name}-gewijzigd" if self.dirty else name


@dataclass(frozen=True)
class ContentVersion:
    """The version every build of either edition carries."""

    git: GitState | None
    source_hash: str
    # Sources that exist but could not be read (left out of the hash): the build reports them.
    problems: tuple[ContentIssue, ...] = ()

    @property
    def label(self) -> str:
        """Return the short form for footers and statements: 'v1.0 · 3fa9c2e1b0d4'."""
        ref = self.git.ref if self.git else UNKNOWN
        return f"{ref} · {self.source_hash[:HASH_LENGTH]}"

    def as_json(self, edition: str, built_at: str) -> dict[str, object]:
        """Return the contents of version.json."""
        git = None
        if self.git is not None:
            git = {"tag": self.git.tag, "commit": self.git.commit, "dirty": self.git.dirty}
        return {
            "content_version": self.label,
            "edition": edition,
            "git": git,
            "git_ref": self.git.ref if self.git else UNKNOWN,
            "source_sha256": self.source_hash,
            "built_at": built_at,
        }


def _hidden(name: str) -> bool:
    """Tell whether a file or folder is hidden (sources.iter_files skips these too) or a cache."""
    return name.startswith(".") or name == "__pycache__"


def source_files(folders: Iterable[Path], files: Iterable[Path] = ()) -> list[Path]:
    """Return the source files under ``folders`` plus ``files``: not hidden, cached or editors'."""
    found = [path for path in files if path.is_file()]
    for folder in folders:
        # os.walk skips a folder that vanishes or cannot be listed while it walks.
        for parent, dirs, names in os.walk(folder):
            dirs[:] = [name for name in dirs if not _hidden(name)]
            found += [
                Path(parent, name)
                for name in names
                if not _hidden(name) and not _EDITOR_FILE.match(name)
            ]
    return sorted({path for path in found if path.is_file()})


def hash_sources(root: Path, paths: Iterable[Path]) -> tuple[str, list[ContentIssue]]:
    """Hash file names (relative to ``root``) and contents, independent of the machine.

    A file that is gone by the time it is read (an editor's temporary file) is left out; one
    that cannot be read is left out and returned as a problem for the caller to report.
    """
    digest = hashlib.sha256()
    problems = []
    for path in sorted(paths, key=lambda p: _name(p, root)):
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            continue
        except OSError as exc:
            reason = exc.strerror or str(exc)
            message = f"the file cannot be read ({reason}); make it readable or remove it"
            problems.append(ContentIssue(_name(path, root), 0, "", message))
            continue
        digest.update(_name(path, root).encode("utf-8") + b"\0")
        # Git may check text out with CRLF on Windows; the version must not depend on that.
        digest.update(data.replace(b"\r\n", b"\n") + b"\0")
    return digest.hexdigest(), problems


def _name(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def git_state(root: Path, sources: Iterable[Path]) -> GitState | None:
    """Ask git for the tag or commit of ``root``; None without git or outside a repository."""
    if shutil.which("git") is None:
        return None
    commit = _git(root, "rev-parse", "HEAD")
    if commit is None:
        return None
    tag = _git(root, "describe", "--tags", "--exact-match", "HEAD")
    # Only paths inside the checkout: git refuses the whole command for one outside it.
    names = [_name(path, root) for path in sources if _inside(path, root)]
    status = _git(root, "status", "--porcelain", "--untracked-files=all", "--", *names)
    return GitState(tag=tag or None, commit=commit, dirty=status is None or bool(status))


def _inside(path: Path, root: Path) -> bool:
    return path.resolve().is_relative_to(root.resolve())


def _git(root: Path, *args: str) -> str | None:
    """Run git in ``root``; return its output, or None when it fails."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def content_version(root: Path, folders: Iterable[Path], files: Iterable[Path]) -> ContentVersion:
    """Compute the content version of the sources in ``folders`` and ``files``."""
    folder_list = list(folders)
    paths = source_files(folder_list, files)
    git = git_state(root, [*folder_list, *files])
    digest, problems = hash_sources(root, paths)
    return ContentVersion(git, digest, tuple(problems))


def project_version(root: Path, folders: Iterable[Path], config_file: Path) -> ContentVersion:
    """Return the version of a project: its folders, package templates, study assets, config."""
    package = Path(__file__).resolve().parents[1]
    extra = [package / "templates", package / "study" / "assets"]
    return content_version(root, [*folders, *extra], [config_file])
