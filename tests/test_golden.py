"""The seed pages, cleaned from raw/, match their golden records in tests/golden/ exactly."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.runner import run

GOLDEN = sorted((Path(__file__).parent / "golden").glob("*.json"))


@pytest.fixture(scope="module")
def cleaned(root, tmp_path_factory):
    out = tmp_path_factory.mktemp("clean")
    summary = run(root / "raw", out, progress=False)
    assert summary["rejected"] == 0
    return out


def test_there_are_golden_records():
    assert len(GOLDEN) == 3


@pytest.mark.parametrize("golden", GOLDEN, ids=lambda p: p.stem)
def test_seed_page_matches_golden(golden, cleaned):
    expected = json.loads(golden.read_text("utf-8"))
    got = json.loads((cleaned / golden.name).read_text("utf-8"))
    assert got["headline"] == expected["headline"]
    assert (got["date"] or None) == expected["date"]
    assert got["outlet"] in expected["outlet_any_of"]
    assert sorted(got["authors"]) == sorted(expected["authors"])
    assert got["body"] == expected["body"]
    for junk in expected["must_not_contain"]:
        assert junk not in got["headline"] and junk not in got["body"]
