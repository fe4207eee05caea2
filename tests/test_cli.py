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


def test_version():
    from pipeline import __version__

    done = cli("--version")
    assert done.returncode == 0 and done.stdout.strip() == f"newsclean {__version__}"


def test_rules_lists_by_id_and_says_what_drop_trim_and_check_mean():
    done = cli("rules")
    ids = [line.split()[0] for line in done.stdout.splitlines() if line[:2] == "BP"]
    assert ids == sorted(ids) and len(ids) > 20
    assert all(f"{kind}:" in done.stdout for kind in ("drop", "trim", "check"))


def test_rules_with_an_id_shows_that_rule_in_full():
    done = cli("rules", "BP001")
    assert done.returncode == 0
    assert "BP001 ui-label (drop)" in done.stdout and "patterns (case-insensitive, on lines of at most 10 words)" in done.stdout
    assert "cases: tests/rules/cases/BP001.yaml" in done.stdout and "remove: print PRINT" in done.stdout
    check = cli("rules", "bp012")
    assert check.returncode == 0 and "check: pipeline.rules.checks." in check.stdout
    assert cli("rules", "BP999").returncode == 2


def test_a_retired_rule_says_so_and_why_and_its_id_is_not_reused():
    from pipeline.rules import catalog, retired

    done = cli("rules", "BP111")
    assert done.returncode == 0 and done.stdout.startswith("BP111 company-profile-tail: retired (acted on ")
    assert not set(retired()) & {rule.id for rule in catalog()}


def test_explain_of_a_rejected_page_exits_non_zero(tmp_path):
    page = tmp_path / "menu.txt"
    page.write_text("Menu\nShare\nLog in\n", "utf-8")
    done = cli("explain", str(page))
    assert done.returncode == 1 and "REJECTED no_body" in done.stdout and "no record" in done.stderr


def test_explain_of_a_folder_says_it_takes_one_page(tmp_path):
    done = cli("explain", str(tmp_path))
    assert done.returncode == 2 and "is a folder" in done.stderr and "one page" in done.stderr


def test_explain_cuts_long_lines_with_an_ellipsis(root, tmp_path):
    page = tmp_path / "long.txt"
    sentence = "The council met on Monday and voted to rebuild the old bridge over the river. "
    page.write_text(f"Bridge to be rebuilt\n\n{sentence * 40}\n\n{sentence * 3}\n", "utf-8")
    done = cli("explain", str(page))
    assert done.returncode == 0
    assert max(len(line) for line in done.stdout.splitlines()) < 400 and "…" in done.stdout


def test_the_run_summary_adds_up_when_pages_are_refused_unread(root, tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(root / "raw", raw)
    (raw / "000_066ee241e32c7a89.html").write_text("<html><body><p>Same id as a text page.</p></body></html>")
    done = cli("run", str(raw), str(tmp_path / "out"), "-q", "-j", "1")
    assert "4 pages: 3 records, 1 rejected" in done.stdout
    assert "cleaned 3, unchanged since the last run 0, refused before reading 1" in done.stdout


def test_make_help_lists_every_target(root):
    makefile = (root / "Makefile").read_text("utf-8")
    targets = next(line for line in makefile.splitlines() if line.startswith(".PHONY:")).split()[1:]
    done = subprocess.run(["make", "-s", "help"], cwd=root, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    assert sorted(line.split(":")[0] for line in done.stdout.splitlines()) == sorted(targets)


def test_bench_outside_a_checkout_says_where_it_looked(tmp_path, monkeypatch, capsys):
    from pipeline import bench
    from pipeline.learn import corpus

    monkeypatch.delenv(corpus.CORPUS_ENV, raising=False)
    monkeypatch.setattr(corpus, "DEFAULT_ROOT", tmp_path / "shared" / "corpus")
    assert bench.bench() == 2
    assert f"not in {tmp_path / 'shared' / 'corpus'}" in capsys.readouterr().err
