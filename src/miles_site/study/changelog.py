"""Which pages, scenarios and checklists changed between two versions (git refs), for the trial.

CONSORT-EHEALTH asks trials to report every change to the intervention during the trial. The
content version in footers, PDFs and statements names a commit; this lists what changed
between two of them, with the titles readers saw.
"""

from __future__ import annotations

import csv
import io
import subprocess
from dataclasses import dataclass
from pathlib import Path

import yaml

from miles_site.sources import split_front_matter

KINDS = (
    ("content/", ".md", "Pagina's"),
    ("video_scripts/", ".yml", "Oefengesprekken"),
    ("checklists/", ".yml", "Checklists"),
    ("data/", ".yml", "Gegevens (tijdlijn, rollen, organisaties, begrippen, fasen)"),
)
OTHER = "Vormgeving en sjablonen"
WATCHED = ("content", "video_scripts", "checklists", "data", "overrides", "mkdocs.yml",
           "src/miles_site/templates", "src/miles_site/study/assets")  # fmt: skip
STATUS = {"A": "nieuw", "M": "gewijzigd", "D": "verwijderd", "R": "hernoemd", "C": "gekopieerd",
          "T": "gewijzigd"}  # fmt: skip


class ChangelogError(Exception):
    """Git could not answer (no repository, or an unknown version)."""


@dataclass(frozen=True)
class Change:
    """One changed source file."""

    kind: str
    status: str
    path: str
    old_path: str
    title: str


def _git(root: Path, *args: str) -> str:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, check=False
        )
    except OSError as exc:
        raise ChangelogError(f"git is not available: {exc}") from exc
    if result.returncode != 0:
        raise ChangelogError(result.stderr.strip() or f"git {' '.join(args)} failed")
    return result.stdout


def resolve(root: Path, ref: str) -> str:
    """Return the commit a ref names, or say that git does not know it.

    A content version as footers show it ('v1.0 · 3fa9c2e1b0d4') names its git part first.
    """
    ref = ref.split(" · ")[0].strip().removesuffix("-gewijzigd")
    try:
        return _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").strip()
    except ChangelogError:
        raise ChangelogError(
            f"git does not know the version '{ref}'; give a tag or commit (the footer and "
            "version.json name them), e.g. 'git tag' lists the tags"
        ) from None


def title_of(text: str, suffix: str) -> str:
    """Return the title in a page's front matter or a YAML source, or '' if there is none."""
    try:
        if suffix == ".md":
            front, _, _ = split_front_matter(text)
            data = yaml.safe_load(front or "")
        else:
            data = yaml.safe_load(text)
    except yaml.YAMLError:
        return ""
    title = data.get("title") if isinstance(data, dict) else None
    return str(title) if title else ""


def kind_of(path: str) -> tuple[str, str]:
    """Return the kind of a source file and the suffix its title is read with."""
    for folder, suffix, kind in KINDS:
        if path.startswith(folder) and path.endswith(suffix):
            return kind, suffix
    return OTHER, ""


def changes(root: Path, old: str, new: str) -> list[Change]:
    """List the changed sources between two versions, each with the title readers saw."""
    old_commit, new_commit = resolve(root, old), resolve(root, new)
    output = _git(root, "diff", "--name-status", "-M", old_commit, new_commit, "--", *WATCHED)
    found = []
    for line in output.splitlines():
        parts = line.split("\t")
        status, paths = parts[0][0], parts[1:]
        path, before = paths[-1], paths[0]
        kind, suffix = kind_of(path)
        title = ""
        if suffix:
            commit, at = (old_commit, before) if status == "D" else (new_commit, path)
            title = title_of(_git(root, "show", f"{commit}:{at}"), suffix)
        found.append(Change(kind, STATUS.get(status, status), path, before, title))
    order = [kind for _, _, kind in KINDS] + [OTHER]
    return sorted(found, key=lambda c: (order.index(c.kind), c.path))


def markdown(found: list[Change], old: str, new: str) -> str:
    """Return the changes as a Markdown list per kind, for the trial report."""
    lines = [f"# Wijzigingen in MiLES van {old} naar {new}", ""]
    if not found:
        lines += ["Geen wijzigingen in pagina's, oefengesprekken, checklists of vormgeving.", ""]
    for kind in [k for _, _, k in KINDS] + [OTHER]:
        items = [c for c in found if c.kind == kind]
        if not items:
            continue
        lines += [f"## {kind} ({len(items)})", ""]
        for c in items:
            name = f"{c.title} ({c.path})" if c.title else c.path
            renamed = f", was {c.old_path}" if c.old_path != c.path else ""
            lines.append(f"- {c.status}: {name}{renamed}")
        lines.append("")
    return "\n".join(lines)


def table(found: list[Change]) -> str:
    """Return the changes as CSV: kind, change, file, former name, title."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["soort", "wijziging", "bestand", "was", "titel"])
    for c in found:
        writer.writerow([c.kind, c.status, c.path, c.old_path, c.title])
    return out.getvalue()
