"""The command line contract: run over a copy of raw/, explain, rules."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

from schemas import Article


def cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=300)


def test_run_over_a_copy_of_raw(root, tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(root / "raw", raw)
    (raw / "notes.txt").write_text("   \n", "utf-8")
    out = tmp_path / "clean"
    done = cli("run", str(raw), str(out), "-q")
    assert done.returncode == 1, done.stderr  # one page rejected
    ids = sorted(p.stem for p in out.glob("*.json") if not p.name.startswith("_"))
    assert ids == sorted(p.name.removesuffix(".txt") for p in (root / "raw").glob("*.txt"))
    for path in out.glob("[!_]*.json"):
        Article.model_validate_json(path.read_text("utf-8"))
    rejected = [json.loads(line) for line in (out / "_rejected.jsonl").read_text("utf-8").splitlines()]
    assert [(r["id"], r["path"], r["reasons"]) for r in rejected] == [("notes", "notes.txt", ["empty"])]
    summary = json.loads((out / "_run.json").read_text("utf-8"))
    assert (summary["pages"], summary["records"], summary["rejected"]) == (4, 3, 1)
    assert summary["rules_fired"]
    assert "4 pages: 3 records, 1 rejected" in done.stdout


def test_run_without_input_folder_is_a_usage_error(tmp_path):
    done = cli("run", str(tmp_path / "missing"), str(tmp_path / "out"))
    assert done.returncode == 2 and "not found" in done.stderr


def test_explain_names_the_rule_for_every_removed_line(root):
    done = cli("explain", str(root / "raw" / "002_7b5a9782f59135aa.txt"))
    assert done.returncode == 0
    assert "BP006" in done.stdout and "HomeWorldUS" in done.stdout
    assert "HEADLINE" in done.stdout and "headline: 'US rejected N Korea peace treaty bid: State Dept'" in done.stdout


def test_explain_of_a_missing_page_is_a_usage_error(tmp_path):
    done = cli("explain", str(tmp_path / "missing.html"))
    assert done.returncode == 2 and "no such file" in done.stderr and not done.stdout


def test_rules_lists_every_rule_with_its_doc():
    from pipeline.rules import catalog

    done = cli("rules")
    assert done.returncode == 0
    for rule in catalog():
        assert rule.id in done.stdout and rule.doc in done.stdout
