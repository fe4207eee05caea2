"""Authors: names from the best source, split, cleaned of roles and junk, outlets left out."""
from __future__ import annotations

import re

from pipeline.page import Page
from pipeline.textutil import fold

SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|\||/)\s*", re.I)
JUNK = re.compile(
    r"^(?:by|email the author|view (?:all )?(?:posts|articles|author archive)|follow|staff|staff writer|"
    r"contributor|editor|reporter|correspondent|admin|administrator|guest|anonymous|unknown|\d.*|.*@.*|https?:.*)$",
    re.I)
ROLE = re.compile(r",?\s*(?:staff writer|senior (?:writer|editor|reporter)|contributing writer|correspondent|"
                  r"reporter|editor|columnist|contributor)\b.*$", re.I)
MAX_NAME_WORDS = 5


def clean_names(raw: str, outlets: set[str]) -> list[str]:
    names: list[str] = []
    raw = re.sub(r"^\s*by:?\s+", "", raw, flags=re.I)
    for part in SPLIT.split(ROLE.sub("", raw)):
        name = re.sub(r"^\s*by:?\s+", "", part, flags=re.I).strip(" .,:-–—")
        if (not name or JUNK.match(name) or len(name.split()) > MAX_NAME_WORDS or fold(name) in outlets
                or not re.search(r"[A-Za-zÀ-ÿ]", name)):
            continue
        if name not in names:
            names.append(name)
    return names


def choose_authors(page: Page) -> None:
    outlets = {fold(str(c.value)) for c in page.candidates_for("outlet")}
    if page.values.get("outlet"):
        outlets.add(fold(str(page.values["outlet"])))
    candidates = page.candidates_for("authors")
    if not candidates:
        page.values["authors"] = []
        page.origins["authors"] = "no author named"
        return
    best_weight = max(c.weight for c in candidates)
    best = [c for c in candidates if c.weight == best_weight]
    names: list[str] = []
    for c in best:
        for name in clean_names(str(c.value), outlets):
            if name not in names:
                names.append(name)
    page.values["authors"] = names
    page.origins["authors"] = best[0].origin if names else f"{best[0].origin} named no person"
