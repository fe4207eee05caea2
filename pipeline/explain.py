"""`python -m pipeline explain PAGE`: every line kept or removed (by which rule), and every metadata choice.

`examine` runs a page through the stages and `decisions` says what became of each of its lines; the
review report (pipeline.report) shows the same decisions as a web page.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipeline.learn.model import read_card
from pipeline.page import WARC_RECORD, Page, Rejected, page_id
from pipeline.read import DEFAULT_MAX_BYTES
from pipeline.rules import catalog
from pipeline.sources import WarcRecord, expand_warcs, place
from pipeline.stages import STAGES, process
from pipeline.textbody import MODEL as LINE_MODEL

FIELDS = ("headline", "date", "published", "outlet", "authors", "dateline", "language")
CANDIDATE_FIELDS = {"date": "published", "published": None}
LINE_WIDTH = 300    # characters of a line shown before an ellipsis
VALUE_WIDTH = 80    # characters of a candidate value shown


@dataclass
class Examined:
    """A page run through the stages, and why it became no record (None: it became one)."""

    page: Page
    rejected: Rejected | None


@dataclass(frozen=True)
class Decision:
    """What became of one line (text dump) or block (HTML) of a page."""

    no: int            # its number in the page
    text: str          # as the page has it, before any trim
    status: str        # headline | kept | trimmed | removed
    by: tuple[str, ...]  # the rule (or stage, or model) that removed it; the rules that trimmed it
    note: str          # why, when the remover says more (e.g. a model's score)


def find_page(spec: Path) -> tuple[Path | WarcRecord | None, Rejected | None]:
    """Where the page to explain is: a file, or record N of a WARC file (`crawl.warc.gz#17`, as in a
    record's source.path), with the reason a WARC record cannot be a page. LookupError when there is none."""
    if not WARC_RECORD.fullmatch(spec.name):
        if spec.is_dir():
            raise LookupError(f"{spec} is a folder: explain takes one page (a file, or a WARC record such as "
                              "crawl.warc.gz#17); `run` cleans a folder")
        if not spec.is_file():
            raise LookupError(f"no such file: {spec}")
        return spec, None
    warc = spec.with_name(spec.name.rsplit("#", 1)[0])
    if not warc.is_file():
        raise LookupError(f"no such WARC file: {warc}")
    pages = [(rel, location, problem) for rel, location, problem
             in expand_warcs([(warc.name, warc, None)], DEFAULT_MAX_BYTES, Counter())]
    for rel, location, problem in pages:
        if rel == spec.name:
            return location, problem
    listed = ", ".join(rel.rsplit("#", 1)[1] for rel, _, _ in pages) or "none"
    raise LookupError(f"record {spec.name.rsplit('#', 1)[1]} of {warc} is no HTML page (pages at records: {listed})")


def examine(rel: str, location, problem: Rejected | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
            all_types: bool = False) -> Examined:
    """Run the page at `location` (a file, or a WARC record; its path `rel`) through the stages, as a run does
    (`all_types`: as `run --all-types` does, a page that is no article cleaned too)."""
    page = Page(id=page_id(Path(rel)), path=rel, max_bytes=max_bytes, all_types=all_types)
    try:
        if problem:
            raise problem
        place(page, location)
        process(page)
        return Examined(page, None)
    except Rejected as exc:
        return Examined(page, exc)


def decisions(page: Page) -> list[Decision]:
    """What became of each line of an examined page, in page order."""
    found = []
    for i, line in enumerate(page.lines):
        if i == page.headline_line:
            status, by = "headline", ()
        elif not line.kept:
            status, by = "removed", (line.removed_by,)
        else:
            status, by = ("trimmed" if line.edits else "kept"), tuple(line.edits)
        found.append(Decision(line.no, line.original, status, by, line.note))
    return found


@cache
def remover_docs() -> dict[str, tuple[str, str]]:
    """name -> (short name, what it does) for every rule and stage that can remove or trim a line."""
    docs = {stage.name: (stage.name, stage.doc) for stage in STAGES}
    docs.update({rule.id: (rule.name, rule.doc) for rule in catalog()})
    docs[LINE_MODEL] = ("line model", read_card(LINE_MODEL)["doc"])
    return docs


def shorten(text: str, width: int) -> str:
    """The text, cut to `width` characters with an ellipsis when longer."""
    return text if len(text) <= width else text[:width - 1] + "…"


def type_reasons(decision) -> str:
    """The page-type decision, with the features that weighed most for the chosen type (or the rule that decided)."""
    if decision.model is None:
        return f"{decision.detail} (a rule)"
    return f"{decision.detail}; {decision.model.describe(decision.row, decision.score, top=5, chosen=decision.type)}"


def explain(path: Path, all_types: bool = False) -> tuple[str, Rejected | None]:
    """The explanation of a page (see find_page), and why it became no record (None: it became one);
    LookupError when there is no such page. `all_types`: clean it even when it is no article, as `run --all-types`."""
    location, problem = find_page(path)
    examined = examine(path.name, location, problem, all_types=all_types)
    page, rejected = examined.page, examined.rejected
    verdict = f"REJECTED {rejected.reason}: {rejected.detail}" if rejected else f"record {page.id}.json"
    out = [f"# {path} ({page.format or '?'}, {page.encoding or '?'}): {verdict}"]
    if page.type_decision is not None:
        out.append(f"# page type: {type_reasons(page.type_decision)}")
    if page.markup is not None:
        out.append(f"# {page.markup.describe()}")
    out.append("# lines" if page.format == "text" else "# blocks (trafilatura's main text)")
    docs = remover_docs()
    for decision in decisions(page):
        if decision.status == "removed":
            remover = decision.by[0]
            status = f"{remover} {docs.get(remover, ('', ''))[0]}".strip()
        else:
            status = {"headline": "HEADLINE", "kept": "kept"}.get(decision.status, f"kept trimmed by {','.join(decision.by)}")
        note = f"  ({decision.note})" if decision.note else ""
        out.append(f"{decision.no:5d} {shorten(status, 36):36s} | {shorten(decision.text, LINE_WIDTH)}{note}")
    out.append("# metadata")
    for field_name in FIELDS:
        value = page.values.get(field_name)
        out.append(f"{field_name}: {shorten(repr(value), LINE_WIDTH)}  <- {page.origins.get(field_name, '-')}")
        if field_name in page.decisions:
            model, row, score = page.decisions[field_name]
            out.append(f"  chosen among {len(page.options.get(field_name, []))} options by {model.describe(row, score)}")
        source_field = CANDIDATE_FIELDS.get(field_name, field_name)
        winner = page.origins.get(field_name, "")
        ranked = sorted(page.candidates_for(source_field), key=lambda c: -c.weight) if source_field else []
        for c in ranked:  # most trusted first; '*' marks the one chosen
            mark = "*" if winner.startswith(c.origin) else " "
            out.append(f"  {mark} candidate {shorten(repr(c.value), VALUE_WIDTH)} from {c.origin} (weight {c.weight:g})")
    return "\n".join(out) + "\n", rejected
