"""Language: an ISO 639-1 code (two lower-case letters), from the page's declaration or its body.

A declaration (`<html lang>`, JSON-LD inLanguage, Content-Language, og:locale) is reduced to its primary
subtag (`en-US`, `en_us` -> `en`); one that is no two-letter code (`x-default`, `eng`) declares nothing.
A page that declares nothing (every text dump) gets the language py3langid finds in its body; py3langid
ships its model in its wheel, nothing is downloaded. A body it cannot place with some confidence gets null.
"""
from __future__ import annotations

import re
from functools import cache

from pipeline.page import Page

PRIMARY_SUBTAG = re.compile(r"^\s*([A-Za-z]{2})(?:[-_][A-Za-z0-9]+)*\s*$")
DETECTED_MIN_PROBABILITY = 0.5
SAMPLE_CHARS = 3000   # of the body: enough to tell the language, little time


def iso_code(declared: str) -> str | None:
    """'en-US' -> 'en'; None for what is no language tag with a two-letter primary subtag."""
    found = PRIMARY_SUBTAG.match(declared)
    return found.group(1).lower() if found else None


@cache
def identifier():
    """py3langid's identifier restricted to the languages that have a two-letter code (loaded once per process)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    found = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    found.set_languages([code for code in found.nb_classes if len(code) == 2 and code != "zxx"])
    return found


def detect(text: str) -> tuple[str, float] | None:
    """(code, probability) of the text's language, None when py3langid is not confident enough."""
    code, probability = identifier().classify(text[:SAMPLE_CHARS])
    return (code, probability) if probability >= DETECTED_MIN_PROBABILITY else None


def choose_language(page: Page, body: str) -> None:
    """The most trusted declaration that names a language, else the body's language as detected."""
    for candidate in sorted(page.candidates_for("language"), key=lambda c: -c.weight):
        code = iso_code(str(candidate.value))
        if code:
            page.values["language"] = code
            page.origins["language"] = f"{candidate.origin}: {str(candidate.value)[:20]!r}"
            return
    found = detect(body) if body else None
    page.values["language"] = found[0] if found else None
    page.origins["language"] = (f"detected in the body by py3langid (probability {found[1]:.2f})" if found
                                else "none declared, none detected")
