"""The review report: a self-contained static site of a run, checked as written and as a browser renders it."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import lxml.html
import pytest

from pipeline.runner import Settings, run

SEED = "000_066ee241e32c7a89"
BROWSER_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# in the report page, what the browser shows of the line that holds the text
PROBE = """<script>
const row = [...document.querySelectorAll("tr.line")].find(r => r.querySelector(".text").textContent === "print PRINT");
const text = row.querySelector(".text del");
document.body.dataset.probe = JSON.stringify({
  decoration: getComputedStyle(text).textDecorationLine, shown: text.getBoundingClientRect().height > 0,
  decision: row.querySelector(".decision").textContent.trim(),
  doc: row.querySelector(".decision a").title});
</script>"""


@pytest.fixture(scope="module")
def reported(root, tmp_path_factory):
    """A run over a copy of raw/ with an empty page, and its report: the output folder."""
    pages, output = tmp_path_factory.mktemp("in"), tmp_path_factory.mktemp("out")
    shutil.copytree(root / "raw", pages, dirs_exist_ok=True)
    (pages / "blank.txt").write_text("Menu\nShare\n", "utf-8")
    run(pages, output, Settings(), progress=False)
    done = subprocess.run([sys.executable, "-m", "pipeline", "report", str(output), "-j", "1"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return output


def test_the_report_has_an_index_and_a_page_per_record(reported):
    folder = reported / "_report"
    assert sorted(p.name for p in (folder / "pages").iterdir()) == [f"{name}.html" for name in
                                                                    ("000_066ee241e32c7a89", "001_96f73f12d8d1799f",
                                                                     "002_7b5a9782f59135aa", "blank")]
    index = lxml.html.parse(str(folder / "index.html")).getroot()
    text = index.text_content()
    summary = json.loads((reported / "_run.json").read_text("utf-8"))
    assert f"{summary['pages']} pages: {summary['records']} records, {summary['rejected']} rejected" in text
    assert "no_body" in text and "duplicate stories: 1 group of 2 records" in text
    assert index.findall(".//svg") and index.xpath(".//svg//rect")  # the chart
    for rule in summary["rules_fired"]:
        assert rule in text


def test_the_report_loads_nothing_from_elsewhere(reported):
    for path in (reported / "_report").rglob("*.html"):
        page = lxml.html.parse(str(path)).getroot()
        assert page.xpath('.//meta[@http-equiv="Content-Security-Policy"]/@content')[0].startswith("default-src 'none'")
        assert not page.xpath(".//script | .//link | .//img | .//iframe | .//object")
        for value in page.xpath(".//@src | .//@href"):
            assert "://" not in value and not value.startswith("//"), (path.name, value)


def test_each_line_shows_its_decision_and_each_field_its_provenance(reported):
    page = lxml.html.parse(str(reported / "_report" / "pages" / f"{SEED}.html")).getroot()
    removed = [row for row in page.xpath('.//tr[contains(@class, "removed")]')]
    assert removed and all(row.xpath('.//td[@class="text"]/del') for row in removed)
    print_line = next(row for row in removed if row.xpath('string(.//td[@class="text"])') == "print PRINT")
    assert "BP001" in print_line.xpath('string(.//td[@class="decision"])')
    fields = {row.xpath("string(td[1])"): row.xpath("string(td[3])") for row in page.xpath(".//table[1]//tr[td]")}
    record = json.loads((reported / f"{SEED}.json").read_text("utf-8"))
    assert fields["headline"] == record["provenance"]["headline"] and fields["date"] == record["provenance"]["date"]


def browser() -> str | None:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None and os.environ.get("NEWSCLEAN_REQUIRE_BROWSER"):
        pytest.fail("NEWSCLEAN_REQUIRE_BROWSER is set but no chromium is installed (apt-get install chromium)")
    if found is None:
        pytest.skip("the browser test needs Debian's chromium (apt-get install chromium); CI installs it")
    return found


def test_a_browser_shows_the_print_line_struck_through_with_its_rule(reported, tmp_path):
    chromium = browser()
    page = reported / "_report" / "pages" / f"{SEED}.html"
    probed = tmp_path / "probed.html"  # the report page as written, and a script that reads what the browser shows
    probed.write_text(page.read_text("utf-8").replace("</body>", PROBE + "</body>")
                      .replace("default-src 'none'", "default-src 'none'; script-src 'unsafe-inline'"), "utf-8")
    done = subprocess.run([chromium, *BROWSER_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom",
                           probed.as_uri()], capture_output=True, text=True, timeout=120)
    body = lxml.html.fromstring(done.stdout).find(".//body")
    assert body is not None and body.get("data-probe"), done.stderr[-2000:]
    shown = json.loads(body.get("data-probe"))
    assert shown["decoration"] == "line-through" and shown["shown"]
    assert shown["decision"].startswith("BP001") and "interface labels" in shown["doc"]


def test_without_a_browser_the_test_fails_when_ci_requires_one(monkeypatch):
    monkeypatch.setenv("PATH", "")
    monkeypatch.setenv("NEWSCLEAN_REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception):
        browser()
    monkeypatch.delenv("NEWSCLEAN_REQUIRE_BROWSER")
    with pytest.raises(pytest.skip.Exception):
        browser()
