"""`python -m pipeline report OUTPUT`: a static site to review a run, in OUTPUT/_report/.

- `index.html`: the run summary (pages, records, rejections by reason, rules fired, duplicate groups)
  with a chart, and a table of every page;
- `pages/<id>.html`, one per record (and per page the pipeline rejected): its fields with their
  provenance, and its lines: kept, or struck through with the id and doc of the rule (or stage, or
  model) that removed them.

The run keeps no per-line decisions, so the report runs the pages again through the code `explain`
uses (pipeline.explain: examine, decisions), reading them from the run's input (where the last run
read, as its cache remembers, or --input). A run thus costs nothing for a report nobody asks for,
and the report shows exactly what `explain` shows. A page whose record today differs from the one
in OUTPUT (its input or the code changed since the run) is flagged, as is a page no longer in the input.
Everything is inline (CSS, an SVG chart, no script) and a Content-Security-Policy forbids loading anything.
"""
from __future__ import annotations

import hashlib
import json
import shutil
from collections import Counter
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from pipeline.cache import run_input
from pipeline.engines import make_engine
from pipeline.explain import FIELDS, decisions, examine, remover_docs
from pipeline.pool import DEFAULT_TIMEOUT
from pipeline.read import DEFAULT_MAX_BYTES
from pipeline.records import record_dicts
from pipeline.runner import discover
from pipeline.sources import expand_warcs
from pipeline.write import DUPLICATES_FILE, REJECTED_FILE, RUN_FILE, write_atomic

REPORT_DIR = "_report"
UNREAD = {"duplicate_id", "reserved_id", "bad_name", "not_a_file", "symlink_outside_input", "unreadable", "corrupt_warc"}
# rejections decided before the pipeline read the page: nothing to show line by line
STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:1.5em auto;max-width:70em;padding:0 1em;color:#222}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ddd;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#f4f4f4}.num{text-align:right;font-variant-numeric:tabular-nums}
.removed .text{color:#a33}.removed del{text-decoration:line-through}.headline .text{font-weight:bold}
.rule{white-space:nowrap;font-family:monospace}.decision{white-space:nowrap}.muted{color:#777;font-size:.9em}
.flag{background:#fff3cd;padding:.5em;border:1px solid #e0c060}.rejected{background:#fde8e8;padding:.5em}
.text{white-space:pre-wrap;word-break:break-word}svg text{font:12px system-ui,sans-serif}
"""
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


class ReportError(Exception):
    """The report cannot be made: no run in OUTPUT, or its input is not found."""


@dataclass
class Reviewed:
    """What a worker made of one page: its report page, and its row in the index."""

    id: str
    html: str | None
    row: dict = field(default_factory=dict)


def report(output: Path, input_dir: Path | None = None, workers: int = 1, timeout: float = DEFAULT_TIMEOUT) -> Path:
    """Write OUTPUT/_report/ for the run in `output`; its index page. ReportError when it cannot."""
    if not (output / RUN_FILE).is_file():
        raise ReportError(f"no {RUN_FILE} in {output}: not the output of a run")
    input_dir = input_dir or run_input(output)
    if input_dir is None or not input_dir.exists():
        where = f"{input_dir} is gone" if input_dir else "the run's input is not known"
        raise ReportError(f"{where}; give it with --input (the report runs the pages again to show their lines)")
    summary = json.loads((output / RUN_FILE).read_text("utf-8"))
    groups = read_lines(output / DUPLICATES_FILE)
    group_of = {page_id: group for group in groups for page_id in group["ids"]}
    wanted = {}   # input path -> what the run made of it
    for record in record_dicts(output):
        wanted[record["source"]["path"]] = {"id": record["id"], "digest": digest(record),
                                            "group": group_of.get(record["id"], {}).get("ids", [])}
    unread = []
    for rejection in read_lines(output / REJECTED_FILE):
        if rejection["reasons"][0] in UNREAD:
            unread.append({"id": rejection["id"], "path": rejection["path"], "status": "rejected unread",
                           "reason": rejection["reasons"][0], "detail": rejection["detail"]})
        else:
            wanted[rejection["path"]] = {"id": rejection["id"], "rejection": rejection}
    folder = output / REPORT_DIR
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "pages").mkdir(parents=True)
    rows = []
    tasks = ((rel, location, problem, wanted.pop(rel)) for rel, location, problem
             in expand_warcs(discover(input_dir, skip=output.resolve()), DEFAULT_MAX_BYTES, Counter()) if rel in wanted)
    with make_engine("local", workers, timeout) as engine:
        for reviewed in engine.map(review_page, given_up, tasks):
            if reviewed.html is not None:
                write_atomic(folder / "pages" / f"{reviewed.id}.html", reviewed.html, sync=False)
            rows.append(reviewed.row)
    rows += [{"id": seen["id"], "path": rel, "status": "not in the input", "flag": "the page is no longer in the input"}
             for rel, seen in wanted.items()]
    index = folder / "index.html"
    write_atomic(index, render_index(summary, sorted(rows + unread, key=lambda row: row["id"]), groups), sync=False)
    return index


def read_lines(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def digest(record: dict) -> str:
    """A record's content, whatever its format in OUTPUT (pretty JSON, a JSON line, a Parquet row)."""
    return hashlib.sha256(json.dumps(record, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def review_page(rel: str, location, problem, seen: dict) -> Reviewed:
    """Run one page again, as explain does, and render its report page (in a worker)."""
    examined = examine(rel, location, problem)
    page, rejected = examined.page, examined.rejected
    record = page.record.model_dump(mode="json") if rejected is None else None
    flag = ""
    if "rejection" in seen and rejected is None:
        flag = "the run rejected this page, today it becomes a record (the input or the code changed since the run)"
    elif "digest" in seen and (record is None or digest(record) != seen["digest"]):
        flag = "today's record differs from the one in OUTPUT (the input or the code changed since the run)"
    lines = decisions(page)
    removed = Counter(d.by[0] for d in lines if d.status == "removed")
    row = {"id": seen["id"], "path": rel, "status": "record" if rejected is None else "rejected",
           "reason": rejected.reason if rejected else "", "headline": page.values.get("headline") or "",
           "words": record["word_count"] if record else 0, "lines": len(lines),
           "removed": sum(removed.values()), "flag": flag, "group": len(seen.get("group", []))}
    return Reviewed(seen["id"], render_page(page, rejected, record, lines, seen, flag), row)


def given_up(task: tuple, reason: str, detail: str) -> Reviewed:
    rel, _location, _problem, seen = task
    return Reviewed(seen["id"], None, {"id": seen["id"], "path": rel, "status": "not shown",
                                       "flag": f"the report gave up on this page: {reason} ({detail})"})


def document(title: str, body: list[str]) -> str:
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>", *body, "</body></html>", ""])


def render_page(page, rejected, record, lines, seen: dict, flag: str) -> str:
    docs = remover_docs()
    body = ['<p><a href="../index.html">&larr; all pages</a></p>',
            f"<h1>{escape(page.values.get('headline') or page.id)}</h1>",
            f'<p class="muted">{escape(page.id)} &middot; {escape(page.path)} &middot; {escape(page.format or "?")}, '
            f"{escape(page.encoding or '?')}</p>"]
    if rejected:
        body.append(f'<p class="rejected">Rejected: <b>{escape(rejected.reason)}</b> {escape(rejected.detail)}</p>')
    if flag:
        body.append(f'<p class="flag">{escape(flag)}</p>')
    if seen.get("group"):
        others = [other for other in seen["group"] if other != page.id]
        links = ", ".join(f'<a href="{escape(other)}.html">{escape(other)}</a>' for other in others)
        body.append(f"<p>The same story as: {links}</p>")
    body += ["<h2>Fields</h2>", "<table><tr><th>field</th><th>value</th><th>from</th></tr>"]
    for name in FIELDS:
        value = page.values.get(name)
        shown = ", ".join(value) if isinstance(value, list) else ("" if value is None else str(value))
        body.append(f'<tr><td>{name}</td><td>{escape(shown)}</td>'
                    f'<td class="muted">{escape(page.origins.get(name, "-"))}</td></tr>')
    if record:
        for name in ("word_count", "warnings"):
            body.append(f"<tr><td>{name}</td><td>{escape(json.dumps(record[name], ensure_ascii=False))}</td>"
                        "<td></td></tr>")
    body.append("</table>")
    used = sorted({rule for d in lines for rule in d.by})
    if used:
        body += ["<h2>Rules at work on this page</h2>", "<table>"]
        body += [f'<tr id="rule-{escape(rule)}"><td class="rule">{escape(rule)}</td>'
                 f"<td>{escape(docs.get(rule, (rule, ''))[0])}</td><td>{escape(docs.get(rule, ('', ''))[1])}</td></tr>"
                 for rule in used]
        body.append("</table>")
    kind = "lines" if page.format == "text" else "blocks (trafilatura's main text)"
    body += [f"<h2>{len(lines)} {kind}: kept, or struck through with what removed them</h2>",
             "<table><tr><th>no</th><th>decision</th><th>text</th></tr>"]
    for d in lines:
        rules = " ".join(f'<a class="rule" href="#rule-{escape(r)}" title="{escape(docs.get(r, ("", ""))[1])}">'
                         f"{escape(r)}</a>" for r in d.by)
        name = escape(docs.get(d.by[0], ("", ""))[0]) if d.by else ""
        decision = {"headline": "headline", "kept": "kept", "trimmed": f"trimmed by {rules}",
                    "removed": f"{rules} {name}"}[d.status]
        text = f"<del>{escape(d.text)}</del>" if d.status == "removed" else escape(d.text)
        note = f'<div class="muted">{escape(d.note)}</div>' if d.note else ""
        body.append(f'<tr class="line {d.status}"><td class="num">{d.no}</td><td class="decision">{decision}{note}</td>'
                    f'<td class="text">{text}</td></tr>')
    body.append("</table>")
    return document(f"{page.id}: newsclean report", body)


def bar_chart(title: str, counts: list[tuple[str, int]], width: int = 640) -> str:
    """A horizontal bar chart as inline SVG: one labelled bar per (label, count)."""
    if not counts:
        return ""
    label_width, bar_height = 260, 18
    scale = (width - label_width - 60) / max(n for _, n in counts)
    height = bar_height * len(counts) + 24
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
             f'aria-label="{escape(title)}"><text x="0" y="14" font-weight="bold">{escape(title)}</text>']
    for i, (label, n) in enumerate(counts):
        y = 24 + i * bar_height
        parts.append(f'<text x="{label_width - 6}" y="{y + 13}" text-anchor="end">{escape(label[:40])}</text>'
                     f'<rect x="{label_width}" y="{y + 2}" width="{max(1.0, n * scale):.1f}" height="{bar_height - 4}" '
                     f'fill="#4a78b0"/><text x="{label_width + n * scale + 4:.1f}" y="{y + 13}">{n}</text>')
    return "".join(parts) + "</svg>"


def render_index(summary: dict, rows: list[dict], groups: list[dict]) -> str:
    docs = remover_docs()
    duplicates = summary.get("duplicates", {"groups": len(groups), "records": 0})
    body = ["<h1>newsclean run report</h1>",
            f"<p><b>{summary['pages']}</b> pages: <b>{summary['records']}</b> records, <b>{summary['rejected']}</b> "
            f"rejected; {summary.get('lines', 0)} lines, {summary.get('lines_removed', 0)} removed; "
            f"duplicate stories: {duplicates['groups']} group{'s' * (duplicates['groups'] != 1)} "
            f"of {duplicates['records']} records.</p>"]
    fired = sorted(summary.get("rules_fired", {}).items(), key=lambda kv: (-kv[1], kv[0]))
    rejections = sorted(summary.get("rejections_by_reason", {}).items(), key=lambda kv: (-kv[1], kv[0]))
    body.append(bar_chart("Lines removed, by rule", [(f"{rule} {docs.get(rule, ('', ''))[0]}", n) for rule, n in fired]))
    body.append(bar_chart("Pages rejected, by reason", rejections))
    if fired:
        body += ["<h2>Rules fired</h2>", "<table><tr><th>rule</th><th>name</th><th>what it removes</th><th>lines</th></tr>"]
        body += [f'<tr><td class="rule">{escape(rule)}</td><td>{escape(docs.get(rule, (rule, ""))[0])}</td>'
                 f'<td>{escape(docs.get(rule, ("", ""))[1])}</td><td class="num">{n}</td></tr>' for rule, n in fired]
        body.append("</table>")
    if rejections:
        body += ["<h2>Rejections by reason</h2>", "<table><tr><th>reason</th><th>pages</th></tr>"]
        body += [f'<tr><td>{escape(reason)}</td><td class="num">{n}</td></tr>' for reason, n in rejections]
        body.append("</table>")
    shown = {row["id"] for row in rows if row["status"] in ("record", "rejected")}
    if groups:
        body += ["<h2>Duplicate stories</h2>", "<table><tr><th>records</th><th>similarity</th></tr>"]
        body += ["<tr><td>" + ", ".join(page_link(page_id, shown) for page_id in group["ids"])
                 + f'</td><td class="num">{group["similarity"]}</td></tr>' for group in groups]
        body.append("</table>")
    body += ["<h2>Pages</h2>", "<table><tr><th>id</th><th>outcome</th><th>headline</th><th>words</th>"
             "<th>lines removed</th><th>note</th></tr>"]
    for row in rows:
        outcome = row["status"] + (f": {row['reason']}" if row.get("reason") else "")
        removed = f"{row['removed']} of {row['lines']}" if "lines" in row else ""
        note = row.get("flag") or row.get("detail") or ("duplicate story" if row.get("group") else "")
        body.append(f"<tr><td>{page_link(row['id'], shown)}</td><td>{escape(outcome)}</td>"
                    f"<td>{escape(row.get('headline', ''))}</td><td class='num'>{row.get('words', '')}</td>"
                    f"<td class='num'>{removed}</td><td class='muted'>{escape(note)}</td></tr>")
    body.append("</table>")
    return document("newsclean run report", body)


def page_link(page_id: str, shown: set[str]) -> str:
    return f'<a href="pages/{escape(page_id)}.html">{escape(page_id)}</a>' if page_id in shown else escape(page_id)
