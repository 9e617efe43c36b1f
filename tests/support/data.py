"""Small valid data files for fixture projects; tests break them one way at a time."""

from __future__ import annotations

SOURCE = "{title: UWV, url: 'https://www.uwv.nl/'}"

TIMELINE = f"""\
convention: Dag 1 is de eerste ziektedag.
binding_rules: https://www.uwv.nl/
recurrence:
  add_up_below_days: 28
  new_period_weeks: 104
  rule: Periodes tellen op.
  sources: [{SOURCE}]
steps:
  - id: stap
    label: Een stap
    who: Werkgever
    rule: einde-week
    week: 6
    explanation: Uitleg.
    sources: [{SOURCE}]
"""

ROLES = f"""\
roles:
  - id: bedrijfsarts
    name: Bedrijfsarts
    what: Adviseert.
    when: Vanaf week 1.
    ask: [Wat kan wel?]
    phases: [melding, behandeling]
    sources: [{SOURCE}]
"""

ORGANISATIONS = """\
organisations:
  - id: uwv
    name: UWV
    url: https://www.uwv.nl/
    description: Uitvoering van de wet.
    audience: [werkgever]
    checked: 2026-11-23
"""

GLOSSARY = """\
terms:
  - term: arbodienst
    definition: De dienst die u helpt bij verzuim.
    also: [arbodiensten]
"""
