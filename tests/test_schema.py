"""The Pydantic model is the contract; the committed JSON Schema is generated from it."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from schemas import Article, json_schema

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schemas" / "article.schema.json"

VALID = {
    "id": "x", "source": {"path": "x.txt", "sha256": "0" * 64, "format": "text"}, "page_type": "article",
    "headline": "A headline", "date": "2019-02-14", "outlet": None, "authors": ["Jane Doe"],
    "body": "One paragraph.\n\nAnother paragraph.", "word_count": 4,
    "provenance": {"headline": "title line 3"},
}


def test_committed_json_schema_matches_model():
    assert json.loads(SCHEMA_FILE.read_text("utf-8")) == json_schema(), "run `make schema` and commit the result"


def test_valid_record_round_trips_with_stable_key_order():
    record = Article(**VALID)
    text = record.to_json()
    assert list(json.loads(text)) == list(Article.model_fields)
    assert Article.model_validate_json(text) == record
    assert text.endswith("}\n")


@pytest.mark.parametrize("change", [
    {"headline": ""}, {"headline": "two\nlines"}, {"date": "14/02/2019"}, {"date": "2019-02-14T10:00"},
    {"authors": ["A", "A"]}, {"authors": [" A"]}, {"body": ""}, {"body": "a\n\n\nb"}, {"word_count": 0},
    {"source": {"path": "x", "sha256": "nothex", "format": "text"}}, {"unknown": 1}, {"page_type": "blog"},
])
def test_invalid_records_are_refused(change):
    with pytest.raises(ValidationError):
        Article(**{**VALID, **change})


def test_non_ascii_is_written_as_is():
    record = Article(**{**VALID, "headline": "Kim Jong-un’s “plan”"})
    assert "’" in record.to_json()
