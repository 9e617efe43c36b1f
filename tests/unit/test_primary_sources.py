"""Primary sources: which hosts count, and the warning for a scenario or checklist without one."""

from __future__ import annotations

from pathlib import Path

import pytest

from miles_site.models.page import PRIMARY_HOSTS, Source
from miles_site.project import Paths, load_project
from support.projects import ROOT, line_of, write_project

SCRIPT = (ROOT / "tests/fixtures/video_scripts/voorbeeld.yml").read_text(encoding="utf-8")
LIST = (ROOT / "tests/fixtures/checklists/voorbeeld-lijst.yml").read_text(encoding="utf-8")
PRIMARY = (
    "  - title: Autoriteit Persoonsgegevens – Zieke werknemers\n"
    "    url: https://autoriteitpersoonsgegevens.nl/themas/werk-en-uitkering/zieke-werknemers\n"
)
SECONDARY = (
    "  - title: HR Community – Mijn werknemer heeft kanker\n"
    "    url: https://hrcommunity.nl/2019/06/07/mijn-werknemer-heeft-kanker-en-nu/\n"
)


@pytest.mark.parametrize(
    ("url", "primary"),
    [
        ("https://www.uwv.nl/werkgevers/", True),
        ("http://www.uwv.nl/particulieren/", True),
        ("https://inspiratie.uwv.nl/werkgeverschap/werknemer-ziek-uit-dienst", True),
        ("https://WWW.Rijksoverheid.NL/onderwerpen/ziekteverzuim-van-het-werk", True),
        ("https://wetten.overheid.nl/BWBR0013540", True),
        ("https://zoek.officielebekendmakingen.nl/stcrt-2023-13931.html", True),
        ("https://autoriteitpersoonsgegevens.nl/themas/werk-en-uitkering/zieke-werknemers", True),
        ("https://www.arboportaal.nl/onderwerpen/second-opinion", True),
        # Look-alikes: the host must be the domain itself or end in '.' + the domain.
        ("https://nieuwv.nl/", False),
        ("https://uwv.nl.example.com/", False),
        ("https://example.com/www.uwv.nl", False),
        ("https://overheid.nl/", False),
        # Secondary: they may explain a rule, but cannot be the only source for it.
        ("https://hrcommunity.nl/2019/06/07/mijn-werknemer-heeft-kanker-en-nu/", False),
        ("https://www.boelszanders.nl/nieuwe-beleidsregels-zieke-werknemer/", False),
    ],
)
def test_a_source_is_primary_only_on_an_official_host(url: str, primary: bool) -> None:
    assert Source(title="Bron", url=url).is_primary is primary  # type: ignore[arg-type]


def project_citing(tmp_path: Path, sources: str) -> tuple[list[str], int, int]:
    """Load a project whose example scenario and checklist cite ``sources``; return the
    warnings and the lines of the two ``sources:`` keys."""
    script, checklist = SCRIPT.replace(PRIMARY, sources), LIST.replace(PRIMARY, sources)
    files = {"video_scripts/voorbeeld.yml": script, "checklists/voorbeeld-lijst.yml": checklist}
    project = load_project(Paths.under(write_project(tmp_path, files)))
    assert project.errors == []
    warnings = [str(w) for w in project.warnings]
    return warnings, line_of(script, "sources:"), line_of(checklist, "sources:")


def test_the_examples_cite_a_primary_source() -> None:
    assert PRIMARY in SCRIPT and PRIMARY in LIST


def test_a_primary_source_among_others_is_enough(tmp_path: Path) -> None:
    warnings, _, _ = project_citing(tmp_path, SECONDARY + PRIMARY)
    assert warnings == []


def test_only_secondary_sources_is_a_warning_at_the_sources_line(tmp_path: Path) -> None:
    warnings, script_line, list_line = project_citing(tmp_path, SECONDARY)
    advice = (
        "cites no primary source; add the one that backs each legal duty, deadline or privacy "
        f"rule it states, from {', '.join(PRIMARY_HOSTS)} (a consultancy or HR site is not "
        "enough), and put it first"
    )
    assert warnings == [
        f"video_scripts/voorbeeld.yml:{script_line}: sources: the scenario {advice}",
        f"checklists/voorbeeld-lijst.yml:{list_line}: sources: the checklist {advice}",
    ]
