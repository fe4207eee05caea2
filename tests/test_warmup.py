"""A worker's set-up before its first page: dateparser's one-off set-up, every model, a pass of each sample page."""
from __future__ import annotations

from htmldate import extractors, find_date

from pipeline import warmup
from pipeline.learn import model
from pipeline.page import Page
from pipeline.stages import process


def test_the_sample_page_makes_dateparser_try_every_locale(monkeypatch):
    parser = extractors.get_external_parser()
    real, answers = parser.get_date_data, []
    monkeypatch.setattr(parser, "get_date_data", lambda text, *args, **kwargs: answers.append(
        real(text, *args, **kwargs)) or answers[-1])
    find_date(warmup.SAMPLE_HTML, extensive_search=True, original_date=True)
    assert any(answer.locale is None for answer in answers)  # a phrase that no locale read: each one was set up


def test_the_warm_up_loads_every_model_present(monkeypatch):
    loaded = []
    monkeypatch.setattr(model, "present", lambda: ["first", "second"])
    monkeypatch.setattr(model, "load", loaded.append)
    warmup.warm_up()
    assert loaded == ["first", "second"]


def test_the_sample_pages_are_records():
    for path, text in warmup.SAMPLES:
        page = process(Page(id="warm-up", path=path, raw=text.encode()))
        assert page.record.headline == "Harbour committee agrees on the new quay", path
