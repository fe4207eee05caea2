"""HTML pages: trafilatura for the body, lxml for the evidence it leaves out (JSON-LD, meta tags)."""
from __future__ import annotations

import lxml.html
import trafilatura
from lxml import etree

from pipeline.metadata.html_evidence import add_html_evidence, add_trafilatura_metadata
from pipeline.page import Line, Page, Rejected

MAX_TREE_DEPTH = 2000


def parse_html(text: str):
    """An lxml tree that never touches the network or resolves entities.

    The text is already decoded: it goes to lxml as UTF-8 bytes said to be UTF-8, so that a page
    without a charset declaration is not read as Latin-1.
    """
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, huge_tree=False,
                                  recover=True, default_doctype=False, encoding="utf-8")
    try:
        tree = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise Rejected("unparsable_html", str(exc)) from None
    if tree is None:
        raise Rejected("unparsable_html", "no document")
    return tree


def tree_depth(tree) -> int:
    depth = deepest = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def body_blocks(text: str) -> list[Line]:
    return [Line(no=i, text=t.strip(), blank_before=True)
            for i, t in enumerate(text.split("\n"), start=1) if t.strip()]


def extract_html(page: Page) -> None:
    tree = parse_html(page.text)
    if tree_depth(tree) > MAX_TREE_DEPTH:
        raise Rejected("too_deep", f"HTML nested more than {MAX_TREE_DEPTH} levels")
    add_html_evidence(page, tree)
    urls = sorted(page.candidates_for("url"), key=lambda c: -c.weight)
    page.url = page.url or (str(urls[0].value) if urls else None)
    doc = trafilatura.bare_extraction(tree, url=page.url, with_metadata=True, include_comments=False,
                                      include_tables=True, deduplicate=False)
    if doc is None or not (doc.text or "").strip():
        raise Rejected("no_article", "trafilatura found no main text")
    add_trafilatura_metadata(page, doc)
    page.lines = body_blocks(doc.text)
