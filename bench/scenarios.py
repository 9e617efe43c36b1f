"""Scenario benchmark: validate and render generated scenarios, in ms per scenario.

Target: under 20 ms per scenario, so that validation can run on every save in `mkdocs serve`.
Run: `.venv/bin/python bench/scenarios.py [--count 100] [--nodes 30]`.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from miles_site.models.phases import load_phases  # noqa: E402
from miles_site.models.scenario_checks import load_scenarios  # noqa: E402
from miles_site.render.scenario import render_scenario_page  # noqa: E402

LINE = "Ik wil graag even met je praten over hoe het nu gaat op het werk."


def scenario(index: int, nodes: int) -> dict[str, object]:
    """Return a scenario of ``nodes`` nodes: a chain of choices with a side branch per step."""
    ids = [f"n{i}" for i in range(nodes)]
    body: dict[str, object] = {}
    for i, node_id in enumerate(ids):
        lines = [{"speaker": "a", "text": LINE}, {"speaker": "b", "text": LINE}]
        if i >= nodes - 2:
            body[node_id] = {
                "lines": lines,
                "ending": {"title": f"Einde {i}", "text": LINE, "takeaways": [LINE, LINE]},
            }
            continue
        body[node_id] = {
            "title": f"Scène {i}",
            "lines": lines,
            "choices": [
                {"label": LINE, "next": ids[i + 1], "quality": "aanbevolen", "feedback": LINE},
                {
                    "label": LINE,
                    "next": ids[min(i + 2, nodes - 1)],
                    "quality": "minder handig",
                    "feedback": LINE,
                },
                {"label": LINE, "next": ids[nodes - 1], "quality": "af te raden", "feedback": LINE},
            ],
        }
    return {
        "id": f"bench-{index:03d}",
        "title": f"Scenario {index}",
        "phase": "melding",
        "summary": LINE,
        "learning_goals": [LINE],
        "characters": [
            {"id": "a", "name": "Anna", "role": "medewerker"},
            {"id": "b", "name": "Bas", "role": "leidinggevende"},
        ],
        "last_reviewed": "2026-11-01",
        "review_due": "2099-11-01",
        "sources": [{"title": "Bron", "url": "https://example.org/bron"}],
        "start": ids[0],
        "nodes": body,
    }


def main() -> None:
    """Write the scenarios, then time loading, checking and rendering them all."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--nodes", type=int, default=30)
    args = parser.parse_args()
    phases, _ = load_phases(ROOT / "data", ROOT)
    assert phases is not None
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "video_scripts"
        folder.mkdir()
        for index in range(args.count):
            data = scenario(index, args.nodes)
            (folder / f"{data['id']}.yml").write_text(yaml.safe_dump(data, allow_unicode=True))
        start = time.perf_counter()
        found, errors, _ = load_scenarios(folder, Path(tmp), phases)
        checked = time.perf_counter()
        for source in found:
            render_scenario_page(source, phases)
        done = time.perf_counter()
    assert not errors and len(found) == args.count, errors[:3]
    per = 1000 / args.count
    print(
        f"{args.count} scenarios of {args.nodes} nodes: load+validate "
        f"{(checked - start) * per:.1f} ms, render {(done - checked) * per:.1f} ms, "
        f"total {(done - start) * per:.1f} ms per scenario (target < 20)"
    )


if __name__ == "__main__":
    main()
