"""The text_lines decoding: from line probabilities to the article's region and the lines dropped in it."""
from __future__ import annotations

import re

import numpy as np

from pipeline.page import Line, Page
from pipeline.textbody import MODEL, best_run, bridged, decode, drop_rejected_lines, line_words


def test_the_best_run_is_the_contiguous_run_of_the_largest_sum():
    assert best_run(np.array([-1.0, 2.0, -0.5, 2.0, -3.0, 1.0])) == (1, 4)
    assert best_run(np.array([-2.0, -1.0, -3.0])) == (1, 2)
    assert best_run(np.array([])) == (0, 0)


def test_a_line_between_two_likely_lines_counts_as_the_lower_of_them_within_the_reach():
    probabilities = np.array([0.9, 0.1, 0.1, 0.6, 0.1])
    assert bridged(probabilities, 2).tolist() == [0.9, 0.6, 0.6, 0.6, 0.1]   # the last line has nothing below it
    assert bridged(probabilities, 1).tolist() == [0.9, 0.1, 0.1, 0.6, 0.1]   # each gap line has a low neighbour
    assert bridged(probabilities, 0) is probabilities


def test_pictures_between_paragraphs_do_not_split_the_region_when_bridged():
    probabilities = np.array([0.5] + [0.02] * 6 + [0.6, 0.55])   # six '[bridge.jpg]' lines in the gap
    words = np.array([17] + [2] * 6 + [1, 17], dtype=float)
    assert decode(probabilities, words, 0.2, 0) == (7, 9)
    assert decode(probabilities, words, 0.2, 8) == (0, 9)


def test_a_line_of_punctuation_weighs_nothing_however_long():
    page = Page(id="p", path="p.txt", lines=[Line(1, ". " * 5000), Line(2, "Two words"), Line(3, "日本語の記事")])
    assert line_words(page).tolist() == [0, 2, 6]


def test_a_rule_that_removes_a_line_the_model_rejected_names_it():
    page = Page(id="p", path="p.txt", lines=[Line(1, "print PRINT", removed_by="BP001"), Line(2, "Share this"),
                                            Line(3, "A paragraph the model keeps.")])
    page.dropped = [0, 1]
    drop_rejected_lines(page)
    assert [line.removed_by for line in page.lines] == ["BP001", MODEL, None]
    assert page.counts == {MODEL: 1}


def test_a_layout_rule_yields_to_a_line_the_model_is_sure_of_and_a_named_rule_does_not():
    from pipeline.rules import Rule, apply_rules

    layout = Rule("BP900", "layout-guess", "made up", check=lambda page: [0, 1], formats=("text",), yields_to_model=True)
    named = Rule("BP901", "named", "made up", patterns=[re.compile(r"^Share this$")], formats=("text",))
    page = Page(id="p", path="p.txt", format="text",
                lines=[Line(1, "A caption the layout guess takes for a widget."), Line(2, "Share this"),
                       Line(3, "A paragraph.")])
    page.sure = {0: 0.97, 1: 0.95}
    apply_rules(page, (named, layout))
    assert [line.removed_by for line in page.lines] == [None, "BP901", None]
    assert page.lines[0].note == "kept over BP900: model text_lines 0.97"
    assert page.counts == {"BP901": 1, "BP900_overruled": 1}
