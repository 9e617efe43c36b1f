"""Privacy checks of checklist items: no medical questions, and a hint on every free-text field.

An employer may not ask about or record the diagnosis, the nature of the illness, treatment,
prognosis or medication, not even with consent (facts §2.5, AP policy rules). A field where the
reader types freely is where such details slip in, so each one says what not to write there.
"""

from __future__ import annotations

import re

from miles_site.errors import ContentIssue
from miles_site.models.checklist import FREE_TEXT, Item
from miles_site.sources import LoadedYaml, Loc

# Word stems that ask for medical details. A stem matches inside longer words too: 'behandel'
# also finds 'behandelplan'.
MEDICAL_STEMS = (
    "diagnose",
    "ziek",
    "behandel",
    "chemo",
    "bestral",
    "operatie",
    "geopereerd",
    "prognose",
    "medicijn",
    "medicatie",
    "uitzaai",
    "tumor",
    "kanker",
    "therapie",
    "klacht",
    "symptom",
    "bijwerking",
    "oncolo",
)
_MEDICAL = re.compile("|".join(MEDICAL_STEMS), re.IGNORECASE)
# A privacy hint says what to leave out, so it needs one of these words.
_NEGATION = re.compile(r"\b(?:geen|niet|niets|nooit)\b", re.IGNORECASE)
HINT_EXAMPLE = "Schrijf geen ziekte, behandeling of klachten op."


def medical_words(text: str | None) -> list[str]:
    """Return the words in ``text`` that contain a medical stem."""
    if not text:
        return []
    return [word for word in re.findall(r"[\wÀ-ÿ'-]+", text) if _MEDICAL.search(word)]


def check_item_privacy(loaded: LoadedYaml, loc: Loc, item: Item) -> list[ContentIssue]:
    """Check one item: a privacy hint where the reader types freely, and no medical words."""
    return _check_hint(loaded, loc, item) + _check_medical(loaded, loc, item)


def _check_hint(loaded: LoadedYaml, loc: Loc, item: Item) -> list[ContentIssue]:
    """Require a hint that says what not to write on free-text fields, and only there."""
    if item.type not in FREE_TEXT:
        if item.privacy_hint is None:
            return []
        return [
            loaded.issue(
                (*loc, "privacy_hint"),
                f"only text and textarea fields take a privacy hint; this item is of type "
                f"{item.type}, so remove it or put the advice in 'help'",
            )
        ]
    if item.privacy_hint is None:
        return [
            loaded.issue(
                loc,
                f"the free-text field '{item.id}' has no privacy hint; a reader can type "
                f"anything here, so add 'privacy_hint:' that says what not to write, "
                f"e.g. 'privacy_hint: {HINT_EXAMPLE}'",
            )
        ]
    if not _NEGATION.search(item.privacy_hint):
        return [
            loaded.issue(
                (*loc, "privacy_hint"),
                "the privacy hint must say what not to write here, with geen, niet, niets "
                f"or nooit, e.g. '{HINT_EXAMPLE}'",
            )
        ]
    return []


def _check_medical(loaded: LoadedYaml, loc: Loc, item: Item) -> list[ContentIssue]:
    """Report every label, help text and option that uses a medical word, at its own line."""
    if item.privacy_ok:
        return []
    texts: list[tuple[Loc, str | None]] = [
        ((*loc, "label"), item.label),
        ((*loc, "help"), item.help),
    ]
    texts += [((*loc, "options", index), option) for index, option in enumerate(item.options or ())]
    issues = []
    for place, text in texts:
        words = medical_words(text)
        if words:
            issues.append(
                loaded.issue(
                    place,
                    f"asks for medical details "
                    f"('{words[0]}'); a checklist may never record a "
                    "diagnosis, treatment, prognosis or medication. Rephrase "
                    "it, or add 'privacy_ok: <reason>' if it asks nothing "
                    "medical",
                )
            )
    return issues
