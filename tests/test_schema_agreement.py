"""The JSON Schema says what the Pydantic model says: the same records pass and fail both.

Importers who validate without Python use `schemas/article.schema.json` (here with the jsonschema
library, which reads patterns with Python's `re`, as Pydantic is told to). Every key the schema
knows, at any depth, gets every probe value below, so a field added to the model is covered too.
"""
from __future__ import annotations

import copy
import json
from datetime import date
from itertools import product
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

import pipeline
from schemas import Article, json_schema

jsonschema = pytest.importorskip("jsonschema", reason="the test extra installs jsonschema")

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "schemas" / "article.schema.json").read_text("utf-8"))
TRICKY = ["", " ", "x", " x", "x ", "x\n", "\nx", "a\nb", "a\r\nb", "a\n\nb", "a\n\n\nb", "a\n\n", "a\u00a0", "\u3000a",
          "a\x85", "\x1ca", "a\ufeff", "a\tb", "\u0663", "Ünïcödé ok", "2.0", "html", "text", "0" * 64, "A" * 64,
          "2019-02-14", "2019-13-45", "2019-02-29", "2020-02-29", "1900-02-29", "2000-02-29", "2019-04-31",
          "0000-01-01", "2019-2-14", "2019-02-14\n", "\u0662019-02-14", "2019-02-14T10:00:00", "2019-02-14T10:00:00+01:00",
          "2019-02-30T10:00:00", "2019-02-14 10:00"]
PROBES = [None, 0, 1, -1, 1.5, 2.0, True, False, [], ["a"], ["a", "a"], ["a", " a"], ["a\nb"], ["a", "b"], {}, {"x": 1}, *TRICKY]
PLAIN = jsonschema.Draft202012Validator(SCHEMA)
FORMATS_CHECKED = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
ALPHABET = st.sampled_from(list("ab1-: T\n\t\r\u00a0\u0085\u2028\ufeff\x1c0229"))


@pytest.fixture(scope="module")
def good() -> dict:
    """A record the pipeline made, so that it has every field the model has today."""
    return pipeline.clean((ROOT / "raw" / "000_066ee241e32c7a89.txt").read_bytes()).model_dump(mode="json")


def paths(node: dict, prefix: tuple = ()) -> list[tuple]:
    """Every key path the schema describes (a list's items as index 0), resolving $refs."""
    if "$ref" in node:
        return paths(SCHEMA["$defs"][node["$ref"].rsplit("/", 1)[1]], prefix)
    if "anyOf" in node:
        return [p for option in node["anyOf"] for p in paths(option, prefix)]
    found = []
    if node.get("type") == "object":
        for name, child in node.get("properties", {}).items():
            found += [prefix + (name,), *paths(child, prefix + (name,))]
    if node.get("type") == "array":
        found += [prefix + (0,), *paths(node["items"], prefix + (0,))]
    return sorted(set(found), key=str)


def changed(record: dict, path: tuple, value, delete: bool = False) -> dict:
    """A copy of the record with the value at `path` set to `value` (or its key deleted); unchanged when
    the path cannot be reached (a null parent) or names no key of an object."""
    record = copy.deepcopy(record)
    holder = record
    for step in path[:-1]:
        holder = holder[step] if isinstance(holder, dict) or len(holder) > step else None
        if not isinstance(holder, (dict, list)):
            return record
    last = path[-1]
    if isinstance(holder, list):
        if isinstance(last, int):
            holder[last:last + 1] = [value]
    elif delete:
        holder.pop(last, None)
    else:
        holder[last] = value
    return record


def verdicts(record: dict) -> tuple[bool, bool, bool]:
    """Whether the record passes the model, the schema, and the schema with its formats checked."""
    try:
        Article.model_validate(record)
        model = True
    except ValidationError:
        model = False
    return model, PLAIN.is_valid(record), FORMATS_CHECKED.is_valid(record)


def test_the_committed_schema_is_the_models():
    assert SCHEMA == json_schema()
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_every_key_is_probed(good):
    found = paths(SCHEMA)
    assert {("headline",), ("authors", 0), ("source", "sha256"), ("provenance", "date")} <= set(found)
    assert {path[0] for path in found} == set(good)


def test_good_record_passes_both(good):
    assert verdicts(good) == (True, True, True)


def test_probed_records_get_the_same_verdict_from_both(good):
    disagreements, failures = [], 0
    for path in paths(SCHEMA):
        for probe in PROBES:
            record = changed(good, path, probe)
            model, schema, checked = verdicts(record)
            failures += not model
            if not model == schema == checked:
                disagreements.append((path, probe, model, schema, checked))
        for record in (changed(good, path, None, delete=True), changed(good, path[:-1] + ("unknown_key",), 1)):
            model, schema, checked = verdicts(record)
            if not model == schema == checked:
                disagreements.append((path, "missing or unknown key", model, schema, checked))
    assert not disagreements, disagreements[:10]
    assert failures > 100  # the probes do find bad records


@pytest.mark.parametrize("change", [
    {"authors": ["Jane Doe", "Jane Doe"]}, {"headline": "two\nlines"}, {"body": "One.\n\n\nTwo."},
    {"date": "2019-13-45"}, {"date": "2019-02-29"}, {"published": "2019-02-30T10:00:00"}, {"outlet": " Kyodo"},
])
def test_the_issues_bad_records_fail_both(good, change):
    assert verdicts({**good, **change}) == (False, False, False)


def test_dates_pass_exactly_when_they_are_days_of_the_calendar(good):
    for year, month, day in product((1900, 1996, 2000, 2019, 2020, 2100), range(0, 14), range(0, 33)):
        text = f"{year:04d}-{month:02d}-{day:02d}"
        try:
            real = date(year, month, day).isoformat() == text
        except ValueError:
            real = False
        assert verdicts({**good, "date": text}) == (real, real, real), text


@settings(max_examples=300, deadline=None)
@given(text=st.text(ALPHABET, max_size=12), which=st.integers(min_value=0))
def test_random_strings_get_the_same_verdict_from_both(good, text, which):
    every = paths(SCHEMA)
    model, schema, checked = verdicts(changed(good, every[which % len(every)], text))
    assert model == schema == checked
