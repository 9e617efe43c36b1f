"""`miles check --report` covers every page a reader sees, generated pages included (#9 §5)."""

from __future__ import annotations

from pathlib import Path

from support.projects import ROOT, miles


def test_the_report_lists_generated_pages_by_the_file_to_edit(tmp_path: Path) -> None:
    report = tmp_path / "leesbaarheid.csv"
    result = miles(ROOT, "check", "--report", str(report))
    assert result.returncode == 0, result.stderr
    rows = {line.split(",")[0]: line for line in report.read_text("utf-8").splitlines()[1:]}
    checklists = sorted(f"checklists/{p.name}" for p in (ROOT / "checklists").glob("*.yml"))
    scenarios = sorted(f"video_scripts/{p.name}" for p in (ROOT / "video_scripts").glob("*.yml"))
    assert len(checklists) == 11 and len(scenarios) == 6
    for source in checklists + scenarios + ["content/checklists/index.md"]:
        assert source in rows, source
        assert rows[source].endswith(",ok"), rows[source]
