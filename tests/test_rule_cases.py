"""Every boilerplate rule, alone, removes the lines its cases say it removes and keeps the others."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipeline.page import Page
from pipeline.rules import apply_rules, catalog
from pipeline.stages import STAGES, process

CASES = Path(__file__).parent / "rules" / "cases"
BEFORE_RULES = [s for s in STAGES if s.name in ("read", "decode", "extract", "locate")]
FILLER = ("The council voted on Tuesday to extend the program for another year, officials said after the meeting.",
          "Residents who spoke at the hearing were divided, and several asked for a review of the costs involved.")


def case_page(case) -> tuple[str, str]:
    """(whole text dump, target line) for a case: a bare string sits inside a small synthetic article."""
    if isinstance(case, dict) and "page" in case:
        return case["page"], case["line"]
    line = case["line"] if isinstance(case, dict) else case
    return f"City Council Extends the Downtown Program\n\n{FILLER[0]}\n\n{line}\n\n{FILLER[1]}\n", line


def run_rule(rule, text: str, fmt: str = "text") -> Page:
    page = Page(id="case", path="case.txt", raw=text.encode("utf-8"))
    process(page, BEFORE_RULES)
    page.sure = {}   # the rule alone: the text_lines model's say over layout rules is tested in test_textbody
    page.format = fmt if fmt in rule.formats else rule.formats[0]
    apply_rules(page, (rule,))
    return page


def targets(page: Page, line: str):
    """Every line of the page the case names (a line may occur twice, e.g. a repeated headline)."""
    stripped = line.strip().lstrip("•*-+ ").strip()
    found = [ln for ln in page.lines if ln.original in (stripped, line.strip())]
    assert found, f"case line {line!r} is not a line of its page"
    return found


def load_cases():
    for rule in catalog():
        path = CASES / f"{rule.id}.yaml"
        data = yaml.safe_load(path.read_text("utf-8")) if path.is_file() else {}
        for kind in ("remove", "keep", "trim"):
            for n, case in enumerate(data.get(kind) or []):
                yield pytest.param(rule, kind, case, id=f"{rule.id}-{kind}-{n}")


@pytest.mark.parametrize("rule", catalog(), ids=lambda r: r.id)
def test_every_rule_has_cases(rule):
    path = CASES / f"{rule.id}.yaml"
    assert path.is_file(), f"{rule.id} has no cases file {path.name}"
    data = yaml.safe_load(path.read_text("utf-8")) or {}
    assert data.get("keep"), f"{rule.id} needs lines it must keep"
    assert data.get("remove") or data.get("trim"), f"{rule.id} needs lines it must remove or trim"
    assert rule.doc and len(rule.doc.splitlines()) == 1


@pytest.mark.parametrize("rule,kind,case", list(load_cases()))
def test_rule_case(rule, kind, case):
    text, line = case_page(case)
    page = run_rule(rule, text)
    hits = targets(page, line)
    if kind == "remove":
        assert any(h.removed_by == rule.id for h in hits), f"{rule.id} should remove {line!r}"
    elif kind == "keep":
        assert all(h.removed_by != rule.id and rule.id not in h.edits for h in hits), f"{rule.id} should keep {line!r}"
    else:
        assert [(h.removed_by, h.text) for h in hits] == [(None, case["becomes"])], f"{rule.id} trimmed {line!r} badly"


def test_rule_ids_are_stable_and_unique():
    ids = [r.id for r in catalog()]
    assert len(ids) == len(set(ids))
    assert all(len(i) == 5 and i.startswith("BP") and i[2:].isdigit() for i in ids)
