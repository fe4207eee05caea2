"""`python -m pipeline explain PAGE`: every line kept or removed (by which rule), and every metadata choice."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from pipeline.page import WARC_RECORD, Page, Rejected, page_id
from pipeline.read import DEFAULT_MAX_BYTES
from pipeline.rules import catalog
from pipeline.sources import WarcRecord, expand_warcs, place
from pipeline.stages import process

FIELDS = ("headline", "date", "published", "outlet", "authors", "dateline", "language")
CANDIDATE_FIELDS = {"date": "published", "published": None}


def find_page(spec: Path) -> tuple[Path | WarcRecord | None, Rejected | None]:
    """Where the page to explain is: a file, or record N of a WARC file (`crawl.warc.gz#17`, as in a
    record's source.path), with the reason a WARC record cannot be a page. LookupError when there is none."""
    if not WARC_RECORD.fullmatch(spec.name):
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


def type_reasons(decision) -> str:
    """The type decision, with the features that weighed most in the model's score (or the rule that decided)."""
    if decision.model is None:
        return f"{decision.detail} (a rule)"
    return f"{decision.detail}; {decision.model.describe(decision.row, decision.score, top=5, chosen=decision.type)}"


def explain(path: Path, all_types: bool = False) -> str:
    """The explanation of a page (see find_page); LookupError when there is no such page. `all_types`: clean it
    even when it is no article, as `run --all-types` does."""
    location, problem = find_page(path)
    page = Page(id=page_id(path), path=path.name, all_types=all_types)
    out = []
    try:
        if problem:
            raise problem
        place(page, location)
        process(page)
        verdict = f"record {page.id}.json"
    except Rejected as exc:
        verdict = f"REJECTED {exc.reason}: {exc.detail}"
    names = {r.id: r.name for r in catalog()}
    out.append(f"# {path} ({page.format or '?'}, {page.encoding or '?'}): {verdict}")
    if page.type_decision is not None:
        out.append(f"# page type: {type_reasons(page.type_decision)}")
    out.append("# lines" if page.format == "text" else "# blocks (trafilatura's main text)")
    for i, line in enumerate(page.lines):
        if i == page.headline_line:
            status = "HEADLINE"
        elif line.kept:
            status = "kept" + (f" trimmed by {','.join(line.edits)}" if line.edits else "")
        else:
            status = f"{line.removed_by} {names.get(line.removed_by, '')}".strip()
        note = f"  ({line.note})" if line.note else ""
        out.append(f"{line.no:5d} {status:36.36s} | {line.original}{note}")
    out.append("# metadata")
    for field_name in FIELDS:
        value = page.values.get(field_name)
        out.append(f"{field_name}: {value!r}  <- {page.origins.get(field_name, '-')}")
        source_field = CANDIDATE_FIELDS.get(field_name, field_name)
        winner = page.origins.get(field_name, "")
        ranked = sorted(page.candidates_for(source_field), key=lambda c: -c.weight) if source_field else []
        for c in ranked:  # most trusted first; '*' marks the one chosen
            mark = "*" if winner.startswith(c.origin) else " "
            out.append(f"  {mark} candidate {c.value!r:.80} from {c.origin} (weight {c.weight:g})")
    return "\n".join(out) + "\n"
