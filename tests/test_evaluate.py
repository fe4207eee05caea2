"""The benchmark metric: its definitions on small cases, and agreement with the corpus ruler (score.py)."""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta

import pytest

from pipeline.evaluate import author_set, load_gold, load_records, local_days, normalise, reachable, score
from pipeline.runner import Settings, run

TOLERANCE = 0.001


def test_normalise_folds_quotes_dashes_case_and_space():
    assert normalise("  \u201cBig\u201d  News \u2014 Today\u2019s\tTOP ") == "\"big\" news - today's top"
    assert normalise("\uff21BC") == "abc"  # NFKC: full-width letter
    assert normalise(None) == "" and normalise(["x"]) == ""


def test_author_set_splits_names_and_drops_by():
    assert author_set(["By Jane Doe and John Roe", "A. Smith; B. Jones"]) == {"jane doe", "john roe", "a. smith", "b. jones"}
    assert author_set("Ann Lee & Bo Kim | Cy Ng") == {"ann lee", "bo kim", "cy ng"}
    assert author_set(["Sandy Anderson"]) == {"sandy anderson"}  # "and" inside a word is not a separator
    assert author_set([]) == author_set(None) == frozenset()


def test_local_days_cover_utc_minus_12_to_plus_14():
    # 23:30 at UTC-5 is 04:30 UTC on the 10th: from 16:30 on the 9th (UTC-12) to 18:30 on the 10th (UTC+14)
    assert local_days("2016-12-09T23:30:00-05:00", date(2016, 12, 9)) == {date(2016, 12, 9), date(2016, 12, 10)}
    # 11:00 UTC is still the 8th at UTC-12 and already the 10th at UTC+14
    assert local_days("2016-12-09T11:00:00.000Z", date(2016, 12, 9)) == {date(2016, 12, d) for d in (8, 9, 10)}
    assert local_days("December 9, 2016", date(2016, 12, 9)) == {date(2016, 12, 9)}


def test_body_metric_averages_precision_over_predictions_and_recall_over_gold():
    gold = [{"id": "a", "body": "one two three four five"}, {"id": "b", "body": "alpha beta gamma delta"}]
    figures = score(gold, {"a": {"body": "one two three four"}})  # b has no record
    # a: gold shingles (1234, 2345), predicted (1234): precision 1, recall 1/2; b: recall 0, no precision
    assert figures["missing"] == 1
    assert figures["body4"]["precision"] == 1.0
    assert figures["body4"]["recall"] == pytest.approx(0.25)
    assert figures["body4"]["f1"] == pytest.approx(0.4)
    assert figures["body1"]["recall"] == pytest.approx((4 / 5) / 2)


def test_metadata_figures_count_only_annotated_fields():
    gold = [
        {"id": "a", "headline": "It\u2019s here", "date": "2020-01-01", "date_raw": "2020-01-01T20:00:00Z",
         "authors": ["By Kim Lee"], "outlet": "The Post"},
        {"id": "b", "headline": None, "date": "2020-05-05", "date_raw": None, "authors": [], "outlet": None},
    ]
    records = {"a": {"headline": "IT'S HERE", "date": "2020-01-02T05:00:00+09:00", "authors": ["Kim Lee"], "outlet": "Post"},
               "b": {"date": "2020-05-06", "authors": ["Someone"]}}
    figures = score(gold, records)
    assert figures["headline"] == {"n": 1, "acc": 1.0}
    assert figures["date"] == {"n": 2, "acc": 0.0}
    assert figures["date_tz"] == {"n": 2, "acc": 0.5}  # a's instant is the 2nd east of UTC+4; b has no instant
    assert figures["authors"] == {"n": 1, "acc": 1.0}
    assert figures["authors_none"] == {"n": 1, "acc": 0.0}
    assert figures["outlet"] == {"n": 1, "acc": 0.0}


def ruler_figures(shared_dir, gold_path, predictions_path, tmp_path) -> dict:
    """What ../shared/tools/score.py says, run as its docstring shows."""
    out = tmp_path / "ruler.json"
    subprocess.run([sys.executable, str(shared_dir / "tools" / "score.py"), "--gold", str(gold_path),
                    "--pred", str(predictions_path), "--json", str(out)], check=True, capture_output=True, timeout=300)
    return json.loads(out.read_text("utf-8"))


def assert_agree(ours: dict, ruler: dict) -> None:
    assert ours.keys() == ruler.keys()
    assert (ours["pages"], ours["missing"]) == (ruler["pages"], ruler["missing"])
    for name, figures in ruler.items():
        if isinstance(figures, dict):
            assert ours[name]["n"] == figures["n"], name
            for key in figures.keys() - {"n"}:
                assert abs(ours[name][key] - figures[key]) <= TOLERANCE, (name, key, ours[name][key], figures[key])


def test_reachable_counts_gold_values_found_in_the_dump_even_across_wrapped_lines(tmp_path):
    (tmp_path / "a.txt").write_text("Menu\n  Council votes to rebuild\n  the bridge\nBody text.\n", "utf-8")
    (tmp_path / "b.txt").write_text("Menu\nSomething else entirely\n", "utf-8")
    gold = [{"id": "a", "headline": "Council votes to rebuild the bridge"},
            {"id": "b", "headline": "A title the dump lost"}, {"id": "c", "headline": "No input file"}]
    assert reachable(gold, tmp_path, "headline") == {"n": 2, "acc": 0.5}


def test_agrees_with_the_ruler_on_a_pipeline_run(corpus_dir, shared_dir, tmp_path):
    out = tmp_path / "records"
    run(corpus_dir / "text-lynx", out, Settings(workers=1, timeout=60), progress=False)
    gold_path = corpus_dir / "gold.jsonl"
    ours = score(load_gold(gold_path), load_records(out))
    assert ours["missing"] < ours["pages"]
    assert_agree(ours, ruler_figures(shared_dir, gold_path, out, tmp_path))


def perturbed(truth: dict, i: int) -> dict:
    """A prediction that is right, partly right or wrong about each field, varying with i."""
    words = (truth.get("body") or "").split()
    noise = " ".join(reversed(words[: len(words) // 3]))
    gold_day = date.fromisoformat(truth["date"]) if truth.get("date") else date(2000, 1, 1)
    return {
        "id": truth["id"],
        "headline": (truth.get("headline") or "").upper() if i % 3 else "Site name | " + (truth.get("headline") or ""),
        "date": [gold_day + timedelta(days=1), gold_day - timedelta(days=1), gold_day.replace(year=1999), gold_day][i % 4].isoformat(),
        "authors": [" and ".join(truth.get("authors") or [])] if i % 5 else ["By " + n for n in truth.get("authors") or []][:1],
        "outlet": truth.get("outlet") if i % 2 else None,
        "body": [" ".join(words), " ".join(words[: len(words) // 2]), "", noise + " " + " ".join(words), None][i % 5],
    }


def test_agrees_with_the_ruler_on_varied_predictions(corpus_dir, shared_dir, tmp_path):
    gold_path = corpus_dir / "gold.jsonl"
    gold = load_gold(gold_path)
    predictions = {truth["id"]: perturbed(truth, i) for i, truth in enumerate(gold) if i % 7}
    predictions_path = tmp_path / "predictions.jsonl"
    predictions_path.write_text("".join(json.dumps(p) + "\n" for p in predictions.values()), "utf-8")
    ours = score(gold, predictions)
    assert 0 < ours["body4"]["f1"] < 1 and 0 < ours["headline"]["acc"] < 1
    assert_agree(ours, ruler_figures(shared_dir, gold_path, predictions_path, tmp_path))


def test_a_gold_date_is_reachable_when_the_dump_prints_its_day_in_any_zone(tmp_path):
    (tmp_path / "a.txt").write_text("Story\nPosted March 4, 2015 by Ann\n", "utf-8")
    (tmp_path / "b.txt").write_text("Story\n2015-03-04 09:00\n", "utf-8")   # the local day of a UTC evening
    (tmp_path / "c.txt").write_text("Story\nNo date here, only 2015.\n", "utf-8")
    gold = [{"id": "a", "date": "2015-03-04"}, {"id": "b", "date": "2015-03-03", "date_raw": "2015-03-03T23:00:00Z"},
            {"id": "c", "date": "2015-03-04"}]
    assert reachable(gold, tmp_path, "date") == {"n": 3, "acc": 2 / 3}
