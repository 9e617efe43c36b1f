"""The built search index and search files of the real site."""

from __future__ import annotations

import json
import re

import pytest

from support.site import BuiltSite


def index(built_site: BuiltSite) -> dict:  # type: ignore[type-arg]
    return json.loads((built_site.site / "search" / "search_index.json").read_text("utf-8"))


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("re-integratie", ["re", "integratie"]),
        ("collega's en collega’s", ["collega", "en", "collega"]),
        ("de 42e-weeksmelding", ["de", "42e", "weeksmelding"]),
        ("ziekmelden/ziekmelding", ["ziekmelden", "ziekmelding"]),
        ("spoor 2. Daarna", ["spoor", "2", "Daarna"]),
        ("€ 1.000 (bruto)", ["1.000", "bruto"]),
        ("Fase 1: Melding", ["Fase", "1", "Melding"]),
        ("uwv.nl", ["uwv", "nl"]),
        ("werk &amp; kanker", ["werk", "kanker"]),
    ],
)
def test_separator_splits_words_as_readers_type_them(
    built_site: BuiltSite, text: str, words: list[str]
) -> None:
    separator = index(built_site)["config"]["separator"]
    assert [word for word in re.split(separator, text) if word] == words


def test_index_is_dutch_with_stop_words_and_our_fields(built_site: BuiltSite) -> None:
    config = index(built_site)["config"]
    assert config["lang"] == ["nl"]
    # No stemmer and no trimmer in the index: see mkdocs.yml (our worker stems the query).
    assert config["pipeline"] == ["stopWordFilter"]
    assert {"zoekwoorden", "beschrijving", "title", "text"} <= config["fields"].keys()


def test_search_words_are_in_the_index_and_nowhere_on_the_pages(built_site: BuiltSite) -> None:
    entries = {entry["location"]: entry for entry in index(built_site)["docs"]}
    law = entries["wet-en-regels/opnieuw-ziek.html"]
    assert "terugval" in law["zoekwoorden"]
    assert law["beschrijving"].startswith("Wanneer ziekteperiodes")
    assert "42e-weeksmelding" in entries["wet-en-regels/index.html"]["zoekwoorden"], "glossary"
    assert "zoekwoorden" not in entries["wet-en-regels/opnieuw-ziek.html#de-regel-van-4-weken"]
    for path in built_site.site.rglob("*.html"):
        text = path.read_text(encoding="utf-8").lower()
        assert "terugval" not in text and "recidief" not in text, path


def test_pages_use_our_search_worker_which_loads_materials(built_site: BuiltSite) -> None:
    workers = built_site.site / "assets" / "javascripts" / "workers"
    ours = (workers / "miles-search-worker.js").read_text(encoding="utf-8")
    material = re.search(r"new URL\(\"(search\.[0-9a-f]+\.min\.js)\"", ours)
    assert material and (workers / material.group(1)).is_file()
    for path in built_site.site.rglob("*.html"):
        config = re.search(
            r'<script id="__config" type="application/json">(.*?)</script>',
            path.read_text(encoding="utf-8"),
            re.S,
        )
        assert config, path
        worker = json.loads(config.group(1))["search"]
        assert worker.endswith("workers/miles-search-worker.js"), path


def test_site_ships_only_the_dutch_lunr_files(built_site: BuiltSite) -> None:
    lunr = built_site.site / "assets" / "javascripts" / "lunr"
    shipped = sorted(p.relative_to(lunr).as_posix() for p in lunr.rglob("*") if p.is_file())
    assert shipped == ["min/lunr.nl.min.js", "min/lunr.stemmer.support.min.js"]
