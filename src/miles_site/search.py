"""Site search: the readers' own words for each page, and the files Material's search needs.

Pure: no MkDocs. The plugin hands these functions the project and Material's search index.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from miles_site.blocks import slugify
from miles_site.project import Project
from miles_site.render.shortcodes import find_shortcodes

# The fields we add to the entries of Material's search index (each declared, with its weight,
# under plugins.search.fields in mkdocs.yml): a page's search words, and its description.
WORDS = "zoekwoorden"
SUMMARY = "beschrijving"
FIELDS = (WORDS, SUMMARY)
# Our search worker, next to Material's so that its language files resolve the same way.
WORKER_URI = "assets/javascripts/workers/miles-search-worker.js"
MATERIAL_WORKER = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js")
LUNR_DIR = "assets/javascripts/lunr/"


def search_words(project: Project) -> dict[str, tuple[str, ...]]:
    """Map each place in the site to the extra words that should find it.

    A place is a page (its path under content/), or a glossary entry ('begrippen.md#begrip-x')
    for a term that names no page of its own. A page gets its own ``zoekwoorden``, and the name
    and ``zoekwoorden`` of every glossary term that names it as the page that explains it: so
    that page, not every page that mentions the term, comes first.
    """
    words: dict[str, list[str]] = {}
    for page in project.pages:
        if page.meta.zoekwoorden:
            words.setdefault(page.src_uri, []).extend(page.meta.zoekwoorden)
    glossary = project.data.glossary
    glossary_pages = [
        page.src_uri
        for page in project.pages
        if any(code.kind == "glossary" for code in find_shortcodes(page.body))
    ]
    for term in glossary.terms if glossary else ():
        if term.page:
            places = [term.page]
        else:
            places = [f"{uri}#begrip-{slugify(term.term)}" for uri in glossary_pages]
        for place in places:
            words.setdefault(place, []).extend((term.term, *term.zoekwoorden))
    return {place: tuple(_unique(found)) for place, found in words.items()}


def help_pages(project: Project) -> list[tuple[str, str]]:
    """Return (label, page) for where a search that finds nothing points the reader.

    The glossary, the overview of each phase and the planner: the pages that hold the
    shortcodes ``glossary`` and ``planner``, and each phase folder's index page.
    """
    found = []
    for kind in ("glossary", "phases", "planner"):
        if kind == "phases":
            found += [(phase.label, f"{phase.id}/index.md") for phase in project.phases]
            continue
        found += [
            (page.meta.title, page.src_uri)
            for page in project.pages
            if any(code.kind == kind for code in find_shortcodes(page.body))
        ]
    return found


def add_fields(index: dict[str, Any], values: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """Put extra fields into the entries of Material's search index; return places not found.

    ``values`` maps an entry's location ('melding/index.html', 'x.html#anchor') to its fields.
    Only the entry with exactly that location gets them: for a page, its first entry, which
    stands for the whole page in the results.
    """
    missing = dict(values)
    for entry in index.get("docs", []):
        fields = missing.pop(entry.get("location"), None)
        if fields:
            entry.update({name: value for name, value in fields.items() if value})
    return sorted(missing)


def needed_lunr_files(languages: Iterable[str]) -> set[str]:
    """Return the lunr files Material's search worker loads for these languages.

    Material ships lunr support for thirty languages and two word segmenters (the Thai and Hindi
    one alone is 660 kB); the offline zip needs only these. Mirrors setupSearchLanguages() in
    Material's search worker.
    """
    languages = list(languages)
    files = set()
    for language in languages:
        if language == "ja":
            files.add("tinyseg.js")
        if language in ("hi", "th"):
            files.add("wordcut.js")
        if language != "en":
            files.add(f"min/lunr.{language}.min.js")
    if len(languages) > 1:
        files.add("min/lunr.multi.min.js")
    if files:
        files.add("min/lunr.stemmer.support.min.js")
    return {LUNR_DIR + name for name in files}


def _unique(words: Iterable[str]) -> list[str]:
    """Drop repeated words (case does not count), keeping the first spelling."""
    seen: set[str] = set()
    kept = []
    for word in words:
        if word.casefold() not in seen:
            seen.add(word.casefold())
            kept.append(word)
    return kept
