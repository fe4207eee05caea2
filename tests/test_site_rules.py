"""Per-site rules come from data files and fire only on their own site's pages."""
from __future__ import annotations

import shutil

from pipeline.page import Line, Page
from pipeline.rules import HERE, apply_rules, load_rules

SITE_FILE = """site: example.com
rules:
  - id: BP500
    name: example-section-label
    doc: The section label the site prints above every story.
    patterns: ['^Example Extra$']
"""


def test_site_rules_load_from_data_and_match_their_host_only(tmp_path):
    shutil.copy(HERE / "catalog.yaml", tmp_path / "catalog.yaml")
    (tmp_path / "sites").mkdir()
    (tmp_path / "sites" / "example.com.yaml").write_text(SITE_FILE, "utf-8")
    rules = tuple(r for r in load_rules(tmp_path) if r.site)
    assert [(r.id, r.site) for r in rules] == [("BP500", "example.com")]
    for url, removed in [("https://www.example.com/a", "BP500"), ("https://news.example.com/b", "BP500"),
                         ("https://notexample.com/c", None), (None, None)]:
        page = Page(id="p", path="p.html", format="html", url=url, lines=[Line(no=1, text="Example Extra")])
        apply_rules(page, rules)
        assert page.lines[0].removed_by == removed, url
