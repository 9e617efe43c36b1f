"""Site search: the readers' own words for each page, and the files Material's search needs.

Pure: no MkDocs. The plugin hands these functions the project, the options of Material's search
plugin and Material's search index.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from miles_site.blocks import glossary_anchor
from miles_site.errors import ContentIssue
from miles_site.project import Project
from miles_site.render.environment import render
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
# Words of this many letters or more are also looked up with one typo allowed ('bedrijfsarst'
# finds 'bedrijfsarts'); a short word with a typo allowed matches other words ('ziek': 'ziet').
FUZZY_FROM = 5


def check_fields(options: Mapping[str, Any]) -> list[ContentIssue]:
    """Say which of our fields Material's search options do not declare ({}: search is off)."""
    missing = [name for name in FIELDS if name not in options.get("fields", {})]
    if not options or not missing:
        return []
    message = (
        f"lacks {', '.join(missing)}; declare each with its weight (e.g. 'zoekwoorden: "
        "{boost: 1000}'), or the miles plugin adds words to the search index that nobody can find"
    )
    return [ContentIssue("mkdocs.yml", 0, "plugins.search.fields", message)]


def worker_script(material_worker: str) -> str:
    """Return our search worker, which loads Material's worker (its file name) and wraps it."""
    return render("search_worker.js.j2", material_worker=material_worker, fuzzy_from=FUZZY_FROM)


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
            places = [f"{uri}#{glossary_anchor(term.term)}" for uri in glossary_pages]
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


def enrich_index(
    index: dict[str, Any],
    project: Project,
    urls: Mapping[str, str],
    summaries: Mapping[str, str],
) -> list[str]:
    """Add each page's search words and description to Material's search index, in place.

    ``urls`` maps a page's path under content/ to its address in the site, ``summaries`` an
    address to the page's description. Return the places that have search words but no entry.
    """
    values: dict[str, dict[str, Any]] = {
        url: {SUMMARY: summary} for url, summary in summaries.items()
    }
    for place, words in search_words(project).items():
        uri, _, anchor = place.partition("#")
        if uri in urls:
            location = urls[uri] + (f"#{anchor}" if anchor else "")
            values.setdefault(location, {})[WORDS] = list(words)
    return [place for place in add_fields(index, values) if WORDS in values[place]]


def help_links(project: Project, urls: Mapping[str, str]) -> list[tuple[str, str]]:
    """Return (label, address) of the help pages that exist in the site (see help_pages)."""
    return [(label, urls[uri]) for label, uri in help_pages(project) if uri in urls]


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
