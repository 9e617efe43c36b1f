"""Two editions from one source: the public one stays tracking-free; both carry their version."""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
from pathlib import Path

import pypdf
import pytest

from miles_site.readability import measure
from miles_site.study.config import load_study_config
from miles_site.study.edition import study_pages
from support.projects import miles, write_project
from support.site import BuiltSite

ROOT = Path(__file__).resolve().parents[2]
# Anything that belongs to the study edition: its code, its LRS, its texts for participants.
STUDY_MARKERS = [
    "xapi", "x-experience-api", "miles-study", "milesstudy", "lrs", "statements",
    "studie-editie", "uw code en pincode", "pincode", "wat wordt er bijgehouden",
    "meedoen aan het onderzoek",
    "authorization", "8100",
]  # fmt: skip


def test_the_public_edition_has_no_study_code_endpoint_or_participant_text(
    built_site: BuiltSite,
) -> None:
    found = []
    for path in sorted(built_site.site.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".js", ".css", ".json", ".xml", ".txt"):
            text = path.read_text(encoding="utf-8", errors="replace").lower()
            found += [
                f"{path.relative_to(built_site.site)}: {m}" for m in STUDY_MARKERS if m in text
            ]
    assert found == []
    assert not (built_site.site / "studie").exists()


def test_the_public_edition_shows_and_records_its_content_version(built_site: BuiltSite) -> None:
    version = json.loads((built_site.site / "version.json").read_text(encoding="utf-8"))
    assert version["edition"] == "public"
    assert re.fullmatch(r"[0-9a-f]{64}", version["source_sha256"])
    assert version["content_version"].endswith(" · " + version["source_sha256"][:12])
    assert version["content_version"].startswith(version["git_ref"])
    label = version["content_version"]
    for name in ("index.html", "melding/index.html", "checklists/eerste-gesprek.html"):
        html = (built_site.site / name).read_text(encoding="utf-8")
        assert f'<span class="miles-version__value">{label}</span>' in html
    pdf = pypdf.PdfReader(
        io.BytesIO((built_site.site / "checklists/eerste-gesprek.pdf").read_bytes())
    )
    footer = " ".join(pdf.pages[0].extract_text().split())
    assert f"inhoud {label}" in footer


def test_study_pages_are_plain_dutch(tmp_path: Path) -> None:
    config, _ = load_study_config(ROOT, environ={})
    assert config is not None
    for page in study_pages(config):
        assert measure(page.content).problems() == [], page.src_uri


@pytest.mark.slow
def test_bad_study_settings_stop_the_build_before_it_starts_and_keep_the_old_site(
    tmp_path: Path,
) -> None:
    project = write_project(tmp_path / "p", {})
    (project / "study.yml").write_text(
        "lrs_endpoint: https://lrs.example.org/xAPI/\nsite_url: studie\ntrial_id: NCT06672887\n",
        encoding="utf-8",
    )
    old = project / "build" / "study"
    old.mkdir(parents=True)
    (old / "index.html").write_text("previous", encoding="utf-8")
    shutil.copytree(ROOT / "node_modules", project / "node_modules", dirs_exist_ok=True)
    result = miles(project, "build", "--edition", "study")
    assert result.returncode == 1
    assert "study.yml:2: site_url: 'studie' is not an http(s) address" in result.stderr
    assert "Building documentation" not in result.stderr
    assert (old / "index.html").read_text(encoding="utf-8") == "previous"


def test_the_study_scripts_and_stylesheet_are_named_after_their_content(study_site: Path) -> None:
    # A host may cache such files for a year (README, Hosting): a new content needs a new name.
    html = (study_site / "melding" / "index.html").read_text(encoding="utf-8")
    linked = re.findall(r'(?:src|href)="\.\./(assets/[^"]*miles-study[^"]*)"', html)
    assert len(linked) == 4, linked
    unhashed = []
    for uri in linked:
        digest = hashlib.sha256((study_site / uri).read_bytes()).hexdigest()[:8]
        if f".{digest}." not in uri:
            unhashed.append(uri)
    # Only the settings, which are made per build and must be revalidated.
    assert unhashed == ["assets/javascripts/miles-study-settings.js"]
