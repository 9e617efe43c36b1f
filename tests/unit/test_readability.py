"""Readability: what counts as running text, and the Flesch–Douma figures computed from it."""

from __future__ import annotations

import pytest

from miles_site.readability import (
    DOUMA_BASE,
    DOUMA_SENTENCE,
    DOUMA_SYLLABLE,
    Readability,
    measure,
    prose,
    report,
)

PAGE = """\
---
title: Een titel met heel ingewikkelde arbeidsongeschiktheidsverzekeringen
---

Uw medewerker vertelt het nieuws. Luister eerst goed.

## Een kop met moeilijke woorden zoals arbeidsongeschiktheidsverzekering

- Vraag wat hij nodig heeft
- Lees [de pagina](https://www.voorbeeld.nl/heel/lang/adres) later.

| Kolom | Andere kolom met woorden |
|---|---|
| tabel | telt niet mee |

```text
code telt ook niet mee
```

!!! tip "Neem de tijd"
    Het gesprek hoeft niet alles op te lossen.

<!-- miles:scenario het-nieuws -->
"""


def test_prose_keeps_running_text_only() -> None:
    assert prose(PAGE) == [
        "Uw medewerker vertelt het nieuws. Luister eerst goed.",
        "Vraag wat hij nodig heeft",
        "Lees de pagina later.",
        "Neem de tijd",
        "Het gesprek hoeft niet alles op te lossen.",
    ]


def test_figures_follow_the_douma_formula() -> None:
    result = measure(PAGE)
    assert result.words == 28
    assert result.sentences == 6
    expected = DOUMA_BASE - DOUMA_SENTENCE * 28 / 6 - DOUMA_SYLLABLE * result.syllables / 28
    assert result.flesch_douma == pytest.approx(expected)
    assert result.flesch_douma > 60
    assert result.problems() == []


def test_long_sentences_and_long_words_are_reported() -> None:
    hard = (
        "De werkgever dient in het kader van de re-integratieverplichtingen zorgvuldig en "
        "tijdig alle noodzakelijke arbeidsongeschiktheidsdocumentatie te verzamelen en te "
        "archiveren conform de geldende beleidsregels van de toezichthouder."
    )
    result = measure(hard, has_front_matter=False)
    assert result.sentences == 1
    assert result.words_per_sentence > 15
    problems = result.problems()
    assert problems[0].startswith("Flesch–Douma ") and "below 60" in problems[0]
    assert problems[1].startswith("sentences average ") and "more than 15" in problems[1]


def test_empty_page_passes() -> None:
    assert Readability(0, 0, 0, 0).problems() == []


def test_report_formats() -> None:
    rows = [("content/a.md", Readability(words=20, sentences=2, syllables=30, long_words=1))]
    markdown = report(rows, "md")
    assert markdown.splitlines()[0].startswith("| page | words | sentences |")
    assert "| content/a.md | 20 | 2 | 10.0 |" in markdown
    csv = report(rows, "csv")
    assert csv.splitlines()[1].startswith("content/a.md,20,2,10.0,")
