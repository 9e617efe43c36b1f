"""Plain-language figures for a page: Flesch–Douma, words per sentence, long words.

Only running text counts: front matter, headings, tables, code, HTML tags, shortcodes and link
addresses are left out, because they are not read as sentences. Every list item and every
paragraph ends a sentence, also without a full stop, as a reader takes it.

Generated pages are Markdown with HTML blocks (forms, dialogue, transcripts). There, every block
element (a paragraph, a label, a list item, a legend …) is a block of its own, like a Markdown
paragraph; scripts (the player's JSON data), styles, HTML tables and HTML headings are left out,
like their Markdown counterparts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import textstat

from miles_site.sources import split_front_matter

# Flesch–Douma (Douma 1960), the Dutch adaptation of Flesch Reading Ease.
DOUMA_BASE = 206.835
DOUMA_SENTENCE = 0.93
DOUMA_SYLLABLE = 77.0

MIN_FLESCH_DOUMA = 60.0
MAX_WORDS_PER_SENTENCE = 15.0

_HTML_SKIPPED = re.compile(r"<(script|style|table|h[1-6])\b[^>]*>.*?</\1\s*>", re.S | re.I)
_HTML_BLOCK = re.compile(
    r"</?(?:p|div|li|ul|ol|dl|dt|dd|label|legend|fieldset|form|section|article|aside|header"
    r"|footer|nav|details|summary|blockquote|figure|figcaption|button|option|select|textarea"
    r"|video|br|hr)\b[^>]*>",
    re.I,
)
_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.S | re.M)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TAG = re.compile(r"<[^>]+>")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)(\{[^}]*\})?")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_ATTR = re.compile(r"\{[:.#][^}]*\}")
_URL = re.compile(r"https?://\S+")
_ABBR_DEF = re.compile(r"^\*\[[^\]]+\]:.*$", re.M)
_LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?")
_ADMONITION = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s*\S+(?:\s+\"([^\"]*)\")?\s*$")
_WORD = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’-]*")
_SENTENCE_END = re.compile(r"[.!?…:]+[\"'”’)]*(?=\s|$)")
_FINAL_END = re.compile(r"[.!?…:]+[\"'”’)]*$")


@dataclass(frozen=True)
class Readability:
    """The readability figures of one text."""

    words: int
    sentences: int
    syllables: int
    long_words: int

    @property
    def flesch_douma(self) -> float:
        """Return the Flesch–Douma score: higher is easier, 60 and up suits B1 readers."""
        if not self.words:
            return 100.0
        return (
            DOUMA_BASE
            - DOUMA_SENTENCE * self.words_per_sentence
            - DOUMA_SYLLABLE * self.syllables / self.words
        )

    @property
    def words_per_sentence(self) -> float:
        """Return the average sentence length in words."""
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def long_word_share(self) -> float:
        """Return the share of words with four or more syllables (0–1)."""
        return self.long_words / self.words if self.words else 0.0

    def problems(self) -> list[str]:
        """Say which B1 thresholds the text misses, in words an author can act on."""
        found = []
        if self.words and self.flesch_douma < MIN_FLESCH_DOUMA:
            found.append(
                f"Flesch–Douma {self.flesch_douma:.0f} is below {MIN_FLESCH_DOUMA:.0f}; "
                "use shorter words and sentences"
            )
        if self.words_per_sentence > MAX_WORDS_PER_SENTENCE:
            found.append(
                f"sentences average {self.words_per_sentence:.1f} words, more than "
                f"{MAX_WORDS_PER_SENTENCE:.0f}; split long sentences"
            )
        return found


def prose(markdown: str, *, has_front_matter: bool = True) -> list[str]:
    """Return the running-text blocks of a Markdown page, one string per paragraph or item."""
    body = split_front_matter(markdown)[1] if has_front_matter else markdown
    body = _FENCE.sub("", body)
    body = _COMMENT.sub("", body)
    body = _HTML_SKIPPED.sub("\n\n", body)
    body = _HTML_BLOCK.sub("\n\n", body)
    body = _ABBR_DEF.sub("", body)
    blocks: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            blocks.append(" ".join(current))
            current.clear()

    for raw in body.splitlines():
        line = raw.strip()
        admonition = _ADMONITION.match(raw)
        if not line or line.startswith(("#", "|")) or admonition:
            flush()
            if admonition and admonition.group(1):
                blocks.append(admonition.group(1))
            continue
        if _LIST_MARK.match(raw) or line.startswith(">"):
            flush()
            line = _LIST_MARK.sub("", raw).lstrip("> ").strip()
        current.append(line)
    flush()
    cleaned = (_clean(block) for block in blocks)
    return [block for block in cleaned if _WORD.search(block)]


def _clean(text: str) -> str:
    """Strip Markdown and HTML syntax from one block, keeping the words a reader sees."""
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _ATTR.sub("", text)
    text = _URL.sub("", text)
    text = _TAG.sub(" ", text)
    text = re.sub(r"[*_`]+", "", text)
    text = re.sub(r"\s+", " ", text)
    return re.sub(r" (?=[.,;:!?])", "", text).strip()


@cache
def _syllables(word: str) -> int:
    """Count syllables with textstat's Dutch hyphenation dictionary."""
    textstat.set_lang("nl")
    return max(1, int(textstat.syllable_count(word)))


def measure_text(blocks: list[str]) -> Readability:
    """Measure running-text blocks; each block ends at least one sentence."""
    words = sentences = syllables = long_words = 0
    for block in blocks:
        found = _WORD.findall(block)
        if not found:
            continue
        words += len(found)
        text = block.rstrip()
        ends = len(_SENTENCE_END.findall(text))
        sentences += ends if _FINAL_END.search(text) else ends + 1
        for word in found:
            count = _syllables(word.lower())
            syllables += count
            long_words += count >= 4
    return Readability(words, sentences, syllables, long_words)


def measure(markdown: str, *, has_front_matter: bool = True) -> Readability:
    """Measure the running text of a Markdown page (with or without its front matter)."""
    return measure_text(prose(markdown, has_front_matter=has_front_matter))


REPORT_HEADER = (
    "page",
    "words",
    "sentences",
    "words_per_sentence",
    "flesch_douma",
    "long_words_pct",
    "status",
)


def report(rows: list[tuple[str, Readability]], fmt: str = "md") -> str:
    """Return a readability table for authors, as Markdown ('md') or CSV ('csv')."""
    records = [
        (
            name,
            str(r.words),
            str(r.sentences),
            f"{r.words_per_sentence:.1f}",
            f"{r.flesch_douma:.0f}",
            f"{r.long_word_share * 100:.0f}",
            "; ".join(r.problems()) or "ok",
        )
        for name, r in rows
    ]
    if fmt == "csv":
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(REPORT_HEADER)
        writer.writerows(records)
        return buffer.getvalue()
    lines = ["| " + " | ".join(REPORT_HEADER) + " |", "|" + "---|" * len(REPORT_HEADER)]
    lines += ["| " + " | ".join(record) + " |" for record in records]
    return "\n".join(lines) + "\n"
