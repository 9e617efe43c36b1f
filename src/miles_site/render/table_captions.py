"""Markdown extension: a paragraph 'Tabel: …' right above a table becomes the table's caption.

Python-Markdown's tables have no caption syntax, and a table without a caption has no
accessible name (screen readers list tables by it; HTML_CodeSniffer flags it). Authors write::

    Tabel: Een voorbeeld van een opbouwschema

    | Periode | Uren per week |
    |---|---|

and get ``<table><caption>Een voorbeeld van een opbouwschema</caption>…``. Enabled in
mkdocs.yml as ``miles_site.render.table_captions``.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from itertools import pairwise
from typing import Any

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

PREFIX = "Tabel:"


class TableCaptionProcessor(Treeprocessor):
    """Move a 'Tabel: …' paragraph into the table that directly follows it."""

    def run(self, root: etree.Element) -> None:
        """Turn every caption paragraph that directly precedes a table into its caption."""
        pairs = [
            (parent, paragraph, table)
            for parent in root.iter()
            for paragraph, table in pairwise(parent)
            if paragraph.tag == "p" and table.tag == "table" and _is_caption(paragraph)
        ]
        for parent, paragraph, table in pairs:
            caption = etree.Element("caption")
            caption.text = (paragraph.text or "")[len(PREFIX) :].lstrip()
            caption.extend(list(paragraph))  # inline markup (emphasis, links) comes along
            caption.tail = "\n"
            table.insert(0, caption)
            parent.remove(paragraph)


def _is_caption(paragraph: etree.Element) -> bool:
    """Tell whether a paragraph is 'Tabel:' followed by some caption text or markup."""
    text = paragraph.text or ""
    return text.startswith(PREFIX) and bool(text[len(PREFIX) :].strip() or len(paragraph))


class TableCaptionExtension(Extension):
    """Register the caption processor after inline markup is parsed."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Add the processor; priority 15 runs after 'inline' (20), before 'prettify' (10)."""
        md.treeprocessors.register(TableCaptionProcessor(md), "miles_table_caption", 15)


def makeExtension(**kwargs: Any) -> TableCaptionExtension:
    """Return the extension; Python-Markdown calls this when mkdocs.yml names the module."""
    return TableCaptionExtension(**kwargs)
