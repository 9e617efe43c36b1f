"""Search words in front matter and the glossary, and what the build does with them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from miles_site import search
from miles_site.models.base import load_model
from miles_site.models.data import GlossaryFile
from miles_site.models.page import load_page
from miles_site.models.phases import load_phases
from miles_site.project import Paths, load_project
from support.projects import ROOT, page, write_project

PHASES, _ = load_phases(ROOT / "data", ROOT)

PAGE = page("Opnieuw ziek", "melding").replace(
    "audience: [leidinggevende]\n", "audience: [leidinggevende]\nzoekwoorden: {words}\n"
)

GLOSSARY = """\
terms:
  - term: hersteldmelding
    definition: De melding dat uw medewerker weer helemaal aan het werk is.
    page: melding/a.md
    zoekwoorden: {words}
"""


def page_issues(tmp_path: Path, words: str) -> list[str]:
    docs = tmp_path / "content"
    docs.mkdir(exist_ok=True)
    path = docs / "pagina.md"
    path.write_text(PAGE.format(words=words), encoding="utf-8")
    _, issues = load_page(path, docs, tmp_path, PHASES)
    return [str(issue) for issue in issues]


def glossary_issues(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "glossary.yml"
    path.write_text(text, encoding="utf-8")
    _, _, issues = load_model(path, tmp_path, GlossaryFile)
    return [str(issue) for issue in issues]


def test_good_search_words_load(tmp_path: Path) -> None:
    assert page_issues(tmp_path, "[terugval, recidief, opnieuw ziek, 42e week, collega's]") == []
    words = "[betermelding, beter melden, re-integratie/werk]"
    assert glossary_issues(tmp_path, GLOSSARY.format(words=words)) == []


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (
            "[terugval, <b>vet</b>]",
            "content/pagina.md:6: zoekwoorden[1]: search word '<b>vet</b>' may hold only letters, "
            "digits, spaces, hyphens, apostrophes, dots and slashes",
        ),
        (
            "[terugval, Terugval]",
            "content/pagina.md:6: zoekwoorden: search word 'Terugval' is listed twice",
        ),
        ("[terugval, '']", "content/pagina.md:6: zoekwoorden[1]: search word '' may hold only"),
        (
            "terugval",
            "content/pagina.md:6: zoekwoorden: expected a list, found the text 'terugval'",
        ),
        (
            "[" + "x" * 61 + "]",
            "content/pagina.md:6: zoekwoorden[0]: search word 'xxxxxxxxxxxxxxxxxxxx…'",
        ),
    ],
)
def test_bad_search_words_in_front_matter_say_where(
    tmp_path: Path, words: str, expected: str
) -> None:
    issues = page_issues(tmp_path, words)
    assert len(issues) == 1
    assert issues[0].startswith(expected), issues[0]


def test_bad_glossary_search_words_say_where(tmp_path: Path) -> None:
    issues = glossary_issues(tmp_path, GLOSSARY.format(words="[ziek melden, 'ziek;melden']"))
    assert issues == [
        "glossary.yml:5: terms[0].zoekwoorden[1]: search word 'ziek;melden' may hold only "
        "letters, digits, spaces, hyphens, apostrophes, dots and slashes, and must start and end "
        "with a letter or digit"
    ]


def test_a_synonyms_field_by_another_name_is_an_unknown_field(tmp_path: Path) -> None:
    text = GLOSSARY.format(words="[betermelding]").replace("zoekwoorden:", "ook:")
    assert glossary_issues(tmp_path, text) == [
        "glossary.yml:5: terms[0].ook: unknown field 'ook'; check the spelling against the schema"
    ]


def test_words_go_to_the_page_that_explains_the_term(tmp_path: Path) -> None:
    glossary = GLOSSARY.format(words="[betermelding]") + (
        "  - term: arbodienst\n    definition: De dienst die u helpt bij ziekte.\n"
        "    zoekwoorden: [arbo]\n"
    )
    project_dir = write_project(
        tmp_path,
        {
            "content/melding/a.md": PAGE.format(words="[herstel, Hersteldmelding]"),
            "content/begrippen.md": page("Begrippen") + "\n<!-- miles:glossary -->\n",
            "data/glossary.yml": glossary,
        },
    )
    project = load_project(Paths.under(project_dir))
    assert project.errors == []
    assert search.search_words(project) == {
        "melding/a.md": ("herstel", "Hersteldmelding", "betermelding"),
        "begrippen.md#begrip-arbodienst": ("arbodienst", "arbo"),
    }
    labels = [label for label, _ in search.help_pages(project)]
    assert labels[0] == "Begrippen"
    assert labels[1:] == [phase.label for phase in project.phases]


def test_fields_go_into_the_entry_with_exactly_that_location() -> None:
    index = {
        "docs": [
            {"location": "a.html", "title": "A", "text": ""},
            {"location": "a.html#deel", "title": "Deel", "text": ""},
        ]
    }
    missing = search.add_fields(
        index,
        {
            "a.html": {search.WORDS: ["terugval"], search.SUMMARY: "Over A."},
            "b.html": {search.WORDS: ["weg"]},
        },
    )
    assert missing == ["b.html"]
    assert index["docs"][0] == {
        "location": "a.html",
        "title": "A",
        "text": "",
        "zoekwoorden": ["terugval"],
        "beschrijving": "Over A.",
    }
    assert "zoekwoorden" not in json.dumps(index["docs"][1])


@pytest.mark.parametrize(
    ("languages", "files"),
    [
        (["nl"], {"min/lunr.nl.min.js", "min/lunr.stemmer.support.min.js"}),
        (["en"], set()),
        (
            ["nl", "ja"],
            {
                "min/lunr.nl.min.js",
                "min/lunr.ja.min.js",
                "tinyseg.js",
                "min/lunr.multi.min.js",
                "min/lunr.stemmer.support.min.js",
            },
        ),
        (["th"], {"min/lunr.th.min.js", "wordcut.js", "min/lunr.stemmer.support.min.js"}),
    ],
)
def test_only_the_lunr_files_the_worker_loads(languages: list[str], files: set[str]) -> None:
    assert search.needed_lunr_files(languages) == {search.LUNR_DIR + name for name in files}


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({}, []),  # search is off
        ({"fields": {"zoekwoorden": {"boost": 1000}, "beschrijving": {"boost": 2}}}, []),
        ({"fields": {"beschrijving": {"boost": 2}}}, ["zoekwoorden"]),
        ({"lang": ["nl"]}, ["zoekwoorden, beschrijving"]),
    ],
)
def test_search_options_must_declare_our_fields(
    options: dict[str, object], expected: list[str]
) -> None:
    found = [str(issue) for issue in search.check_fields(options)]
    assert found == [
        f"mkdocs.yml: plugins.search.fields: lacks {names}; declare each with its weight "
        "(e.g. 'zoekwoorden: {boost: 1000}'), or the miles plugin adds words to the search "
        "index that nobody can find"
        for names in expected
    ]
