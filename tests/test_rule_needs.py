"""A pattern's `needs` literal only spares searching lines that cannot match: every match holds it."""
from __future__ import annotations

import pytest
import yaml

from pipeline.rules import _rule, catalog

GATED = [(rule, pattern, needs) for rule in catalog() for pattern, needs in zip(rule.patterns, rule.needs) if needs]


def test_some_patterns_need_a_literal():
    assert GATED


@pytest.mark.parametrize("rule,pattern,needs", GATED, ids=lambda x: getattr(x, "id", ""))
def test_every_match_in_the_dev_text_dumps_holds_the_literal(rule, pattern, needs, corpus_dir):
    for dump in sorted((corpus_dir / "text-lynx").iterdir()) + sorted((corpus_dir / "text-inscriptis").iterdir()):
        for line in dump.read_text("utf-8", errors="replace").splitlines():
            for found in pattern.finditer(line):
                assert needs in found.group(0), f"{rule.id}: {pattern.pattern!r} matched {found.group(0)!r} without {needs!r}"


@pytest.mark.parametrize("rule,pattern,needs", GATED, ids=lambda x: getattr(x, "id", ""))
def test_the_literal_is_written_in_the_pattern(rule, pattern, needs):
    assert needs.strip() in pattern.pattern.replace("\\", ""), f"{rule.id}: {needs!r} is not in {pattern.pattern!r}"


def test_an_ignore_case_rule_cannot_need_letters():
    entry = yaml.safe_load("{id: BP999, name: x, doc: x, patterns: [{needs: 'ab', regex: 'ab'}]}")
    with pytest.raises(ValueError, match="no letters"):
        _rule(entry)


def test_a_gated_pattern_drops_the_same_lines_as_without_its_literal():
    rule = next(r for r in catalog() if r.id == "BP022")
    lines = ["Smoke rises over the harbour. Credit: Jane Doe", "A plain sentence with no credit at all.",
             "Firefighters at work. Jane Doe/Getty Images", "Prices rose 3/4 of a point on Monday."]
    gated = [any(needs in t and search(t) for needs, search in rule.searches) for t in lines]
    assert gated == [any(p.search(t) for p in rule.patterns) for t in lines] == [True, False, True, False]
