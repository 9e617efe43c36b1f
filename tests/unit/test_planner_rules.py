"""The planner script knows every counting rule that data/timeline.yml may use."""

from __future__ import annotations

import json
import subprocess
import typing

from miles_site.models.data import Rule
from support.projects import ROOT

DATES = ROOT / "overrides/assets/javascripts/miles-planner-dates.js"


def test_every_rule_of_the_model_has_a_date_in_the_planner() -> None:
    found = subprocess.run(
        ["node", "-e", f"console.log(JSON.stringify(require({json.dumps(str(DATES))}).RULES))"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert set(typing.get_args(Rule)) <= set(json.loads(found.stdout))
