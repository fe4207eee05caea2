"""Duplicate stories: records that carry one story are grouped in OUTPUT/_duplicates.jsonl, and re-runs keep it right."""
from __future__ import annotations

import json
import re
import shutil
from itertools import combinations
from pathlib import Path

import pytest

from pipeline import load_records
from pipeline.duplicates import TEXT_SHINGLE, linked, signature, similarities
from pipeline.runner import Settings, run

SEEDS = ("001_96f73f12d8d1799f", "002_7b5a9782f59135aa")
LABELS = Path(__file__).parent / "duplicates" / "same_story.txt"
WORDS = ("harbour council budget tram river school clinic market bridge library festival ferry orchard tunnel "
         "museum stadium quarry lighthouse vineyard airport").split()


def made_up_story(seed: int, sentences: int = 12) -> str:
    """A body of made-up sentences; different seeds share no run of five words."""
    return "\n\n".join(f"The {WORDS[(seed + i) % 20]} report number {seed * 100 + i} was read aloud by clerk {seed} "
                       f"on day {i} near the {WORDS[(seed * 7 + i) % 20]}." for i in range(sentences))


QUOTE = ("“We will keep the ferry running through the winter and we will publish the timetable next week,” "
         "the harbour master said. “Nobody who works on the quay will lose a shift because of the storm repairs.”")


def test_signatures_estimate_how_much_text_two_bodies_share():
    body = made_up_story(1)
    assert signature(body) == signature(body) and len(signature(body)) == 1024
    edited = body.replace("day 3", "day three")
    text, quotes = similarities(signature(body), signature(edited))
    assert text > 0.7 and quotes == 0.0  # no quotations: nothing to compare there
    assert similarities(signature(body), signature(made_up_story(2)))[0] < 0.1
    assert linked(signature(body), signature(edited)) and not linked(signature(body), signature(made_up_story(2)))


def test_two_write_ups_quoting_the_same_statements_are_one_story():
    one, other = made_up_story(3) + "\n\n" + QUOTE, made_up_story(4) + "\n\n" + QUOTE
    text, quotes = similarities(signature(one), signature(other))
    assert text < 0.2 and quotes > 0.5 and linked(signature(one), signature(other))
    assert similarities(signature(made_up_story(3) + "\n\n“A short quote here.”"), signature(one))[1] == 0.0


def groups(output: Path) -> list[dict]:
    return [json.loads(line) for line in (output / "_duplicates.jsonl").read_text("utf-8").splitlines()]


def test_a_run_groups_the_seed_story_and_reruns_keep_the_groups_right(root, tmp_path):
    pages, output = tmp_path / "in", tmp_path / "out"
    shutil.copytree(root / "raw", pages)
    shutil.copy(pages / "000_066ee241e32c7a89.txt", pages / "000-copy.txt")
    run(pages, output, Settings(), progress=False)
    assert [g["ids"] for g in groups(output)] == [["000-copy", "000_066ee241e32c7a89"], list(SEEDS)]
    assert groups(output)[0]["similarity"] == 1.0 and 0 < groups(output)[1]["similarity"] < 1
    assert json.loads((output / "_run.json").read_text("utf-8"))["duplicates"] == {"groups": 2, "records": 4}
    first = (output / "_duplicates.jsonl").read_bytes()
    run(pages, output, Settings(), progress=False)  # nothing changed: the same bytes from the cached signatures
    assert (output / "_duplicates.jsonl").read_bytes() == first
    (pages / "000-copy.txt").unlink()
    (pages / f"{SEEDS[1]}.txt").write_text(f"Bridge news\n\n{made_up_story(5)}\n", "utf-8")
    summary = run(pages, output, Settings(), progress=False)
    assert summary["cleaned"] == 1 and groups(output) == []
    assert json.loads((output / "_run.json").read_text("utf-8"))["duplicates"] == {"groups": 0, "records": 0}


def base(record_id: str) -> str:
    return record_id.split("--", 1)[1]


def five_word_runs(body: str | None) -> set[str]:
    words = re.findall(r"\w+", (body or "").lower())
    return {" ".join(words[i:i + TEXT_SHINGLE]) for i in range(max(1, len(words) - TEXT_SHINGLE + 1))}


def test_the_same_dev_pages_group_across_kinds_and_different_stories_do_not(corpus_dir, tmp_path):
    """Every 4th dev page as HTML, lynx and inscriptis dump, run into one output: the three kinds of a page
    should fall in one group (recall of such pairs), different stories seldom (precision of grouped pairs)."""
    gold = {truth["id"]: truth for truth in map(json.loads, (corpus_dir / "gold.jsonl").read_text("utf-8").splitlines())}
    pages, output = tmp_path / "in", tmp_path / "out"
    pages.mkdir()
    for page_id in sorted(gold)[::4]:
        for kind, folder, suffix in (("html", "html", ".html"), ("lynx", "text-lynx", ".txt"),
                                     ("inscriptis", "text-inscriptis", ".txt")):
            shutil.copy(corpus_dir / folder / f"{page_id}{suffix}", pages / f"{kind}--{page_id}{suffix}")
    run(pages, output, Settings(workers=2, timeout=60), progress=False)
    records = list(load_records(output))
    group_of = {page_id: n for n, group in enumerate(groups(output)) for page_id in group["ids"]}
    same_page = [(a.id, b.id) for a, b in combinations(records, 2) if base(a.id) == base(b.id)]
    recall = sum(a in group_of and group_of[a] == group_of.get(b) for a, b in same_page) / len(same_page)
    stories = {tuple(sorted(line.split())) for line in LABELS.read_text("utf-8").splitlines()
               if line.strip() and not line.startswith("#")}
    reference = {page_id: five_word_runs(truth.get("body") or next((r.body for r in records if r.id == f"html--{page_id}"), ""))
                 for page_id, truth in gold.items()}

    def one_story(a: str, b: str) -> bool:
        shared = reference[a] & reference[b]
        return a == b or tuple(sorted((a, b))) in stories or len(shared) >= 0.2 * len(reference[a] | reference[b])

    pairs = [(base(a), base(b)) for group in groups(output) for a, b in combinations(group["ids"], 2)]
    precision = sum(one_story(a, b) for a, b in pairs) / len(pairs)
    assert recall >= 0.95 and precision >= 0.99, (recall, precision)
