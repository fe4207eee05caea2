"""Boilerplate rules: each has a stable id, a one-line doc, and either patterns (data) or a check (code).

The catalog is `catalog.yaml` beside this file; per-site furniture lives in `sites/*.yaml`.
Rule ids are `BP` + three digits and are never reused: a retired rule stays in the catalog with `retired: <why>`
(`python -m pipeline rules BP111` says so).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, cached_property
from itertools import compress
from pathlib import Path
from typing import Callable
from urllib.parse import urlparse

import yaml

from pipeline.page import Line, Page
from pipeline.textutil import spaced_words

HERE = Path(__file__).parent


@dataclass
class Rule:
    id: str
    name: str
    doc: str
    action: str = "drop"                 # drop: remove whole lines; trim: cut the matched span
    patterns: list[re.Pattern] = field(default_factory=list)
    needs: list[str] = field(default_factory=list)  # per pattern: a literal in every match ("": none), a cheap test first
    check: Callable[[Page], list[int]] | None = None   # context rules: indices of lines to drop
    max_words: int | None = None          # pattern rules only look at lines this short
    formats: tuple[str, ...] = ("html", "text")
    site: str | None = None               # per-site rules: the host they belong to
    yields_to_model: bool = False         # a layout guess: a line the text_lines model is sure of stays (page.sure)

    def __post_init__(self):
        self.needs = self.needs or [""] * len(self.patterns)

    def applies_to(self, page: Page) -> bool:
        if page.format not in self.formats:
            return False
        if self.site is None:
            return True
        host = (urlparse(page.url or "").hostname or "").removeprefix("www.")
        return host == self.site or host.endswith("." + self.site)

    @cached_property
    def searches(self) -> list[tuple[str, Callable[[str], re.Match | None]]]:
        """(literal, search) pairs covering every pattern: the patterns that need no literal ("") as one
        alternation, then each that does, to run only on lines that hold its literal."""
        plain = [p for p, needs in zip(self.patterns, self.needs) if not needs]
        merged = [("", re.compile("|".join(f"(?:{p.pattern})" for p in plain), plain[0].flags).search)] if plain else []
        return merged + [(needs, p.search) for p, needs in zip(self.patterns, self.needs) if needs]

    def matches(self, text: str) -> bool:
        """Whether one of the patterns matches a line short enough for this rule."""
        if self.max_words is not None and spaced_words(text) > self.max_words:
            return False
        return any(needs in text and search(text) for needs, search in self.searches)


def _rule(entry: dict, site: str | None = None) -> Rule:
    from pipeline.rules import checks

    flags = re.I if entry.get("ignore_case", True) else 0
    patterns = [p if isinstance(p, dict) else {"regex": p} for p in entry.get("patterns", [])]
    needs = [p.get("needs", "") for p in patterns]
    if flags and any(n.lower() != n.upper() for n in needs):
        raise ValueError(f"{entry['id']}: an ignore_case rule's `needs` literal can hold no letters")
    return Rule(
        id=entry["id"], name=entry["name"], doc=entry["doc"], action=entry.get("action", "drop"),
        patterns=[re.compile(p["regex"], flags) for p in patterns], needs=needs,
        check=getattr(checks, entry["check"]) if entry.get("check") else None,
        max_words=entry.get("max_words"), formats=tuple(entry.get("formats", ("html", "text"))),
        site=site, yields_to_model=entry.get("yields_to_model", False),
    )


@cache
def catalog() -> tuple[Rule, ...]:
    """All active rules, in the order they run: the general catalog, then per-site files."""
    return load_rules(HERE)


@cache
def retired() -> dict[str, tuple[str, str]]:
    """id -> (name, why it was retired) for every retired rule of the catalog (their ids are never reused)."""
    entries = yaml.safe_load((HERE / "catalog.yaml").read_text("utf-8"))
    return {e["id"]: (e["name"], e["retired"]) for e in entries if e.get("retired")}


def load_rules(folder: Path) -> tuple[Rule, ...]:
    """Rules from folder/catalog.yaml and folder/sites/*.yaml (each: `site: host`, `rules: [...]`)."""
    entries = yaml.safe_load((folder / "catalog.yaml").read_text("utf-8"))
    rules = [_rule(e) for e in entries if not e.get("retired")]
    for site_file in sorted((folder / "sites").glob("*.yaml")):
        data = yaml.safe_load(site_file.read_text("utf-8"))
        rules += [_rule(e, site=data["site"]) for e in data["rules"]]
    ids = [r.id for r in rules]
    duplicated = {i for i in ids if ids.count(i) > 1}
    if duplicated:
        raise ValueError(f"rule ids used twice: {sorted(duplicated)}")
    return tuple(rules)


def apply_rules(page: Page, rules: tuple[Rule, ...] | None = None) -> None:
    """Mark every line a rule removes (first rule wins) and cut the spans trim rules match."""
    words = [line.words for line in page.lines]
    kept = [i for i, line in enumerate(page.lines) if line.removed_by is None]   # the lines not removed yet
    for rule in rules if rules is not None else catalog():
        if not rule.applies_to(page):
            continue
        if rule.check is not None:
            hits = [i for i in rule.check(page) if page.lines[i].removed_by is None]
            if rule.yields_to_model and page.sure:
                hits = overruled(page, rule, hits)
        else:
            limit = rule.max_words if rule.max_words is not None else float("inf")
            lines = [i for i in kept if words[i] <= limit]
            hits = sorted(matching(rule, lines, [page.lines[i].text for i in lines]))
        if rule.check is None and rule.action == "trim":
            for i in hits:
                words[i] = trim(page, page.lines[i], rule)
        else:
            for i in hits:
                page.lines[i].removed_by = rule.id
            if hits:
                page.count(rule.id, len(hits))
        if hits:
            kept = [i for i in kept if page.lines[i].removed_by is None]


def overruled(page: Page, rule: Rule, hits: list[int]) -> list[int]:
    """The hits the model is not sure of; the others stay, noted with the model's score and the rule it overruled."""
    for i in hits:
        if i in page.sure:
            page.lines[i].note = f"kept over {rule.id}: model text_lines {page.sure[i]:.2f}"
            page.count(f"{rule.id}_overruled")
    return [i for i in hits if i not in page.sure]


def matching(rule: Rule, indices: list[int], texts: list[str]) -> set[int]:
    """The indices whose text one of the rule's searches matches (those without a literal run over all texts in C)."""
    found: set[int] = set()
    for needs, search in rule.searches:
        if needs:
            found.update(i for i, text in zip(indices, texts) if needs in text and search(text))
        else:
            found.update(compress(indices, map(search, texts)))
    return found


def trim(page: Page, line: Line, rule: Rule) -> int:
    """Cut every span the rule's patterns match out of the line (an emptied line is removed); its new word count."""
    for pattern, needs in zip(rule.patterns, rule.needs):
        if needs in line.text:
            line.text = pattern.sub("", line.text).strip()
    line.edits.append(rule.id)
    page.count(rule.id)
    if not line.text:
        line.removed_by = rule.id
    return line.words
