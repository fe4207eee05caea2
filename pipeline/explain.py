"""`python -m pipeline explain PAGE`: every line kept or removed (by which rule), and every metadata choice."""
from __future__ import annotations

from pathlib import Path

from pipeline.page import Page, Rejected, page_id
from pipeline.rules import catalog
from pipeline.stages import process

FIELDS = ("headline", "date", "published", "outlet", "authors", "dateline", "language")
CANDIDATE_FIELDS = {"date": "published", "published": None}


def explain(path: Path) -> str:
    page = Page(id=page_id(path), path=path.name, location=str(path))
    out = []
    try:
        process(page)
        verdict = f"record {page.id}.json"
    except Rejected as exc:
        verdict = f"REJECTED {exc.reason}: {exc.detail}"
    names = {r.id: r.name for r in catalog()}
    out.append(f"# {path} ({page.format or '?'}, {page.encoding or '?'}): {verdict}")
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
