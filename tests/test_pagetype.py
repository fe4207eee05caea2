"""Page types: features, the rules for `other`, the decision, the stage (not_article, --all-types), explain."""
from __future__ import annotations

import json
import math

import numpy as np
import pytest

import pagetype_pages as made_up
from pipeline.explain import explain
from pipeline.extract.html import parse_html
from pipeline.extract.text import text_lines
from pipeline.pagetype import ARTICLE, MODEL_TYPES, PAGE_TYPES, classify, decide_index
from pipeline.pagetype.features import HTML_FEATURES, TEXT_FEATURES, html_features, text_features
from pipeline.pagetype.other import other_reason
from pipeline.pagetype.training import decision_figures
from pipeline.page import Page
from pipeline.runner import Settings, run
from pipeline.stages import decode_page, read

HTML_PAGES = {"article": made_up.news_article, "article with a sign-in box": made_up.news_article_with_sign_in_box,
              "product": made_up.product_page, "category": made_up.category_page, "listing": made_up.listing_page,
              "login": made_up.login_page, "error": made_up.error_page, "search": made_up.search_page,
              "paywall": made_up.paywall_page}
TEXT_PAGES = {"article": made_up.news_article_text, "login": made_up.login_text, "error": made_up.error_text,
              "paywall": made_up.paywall_text}


def decoded(text: str, name: str) -> Page:
    page = Page(id=name, path=name, raw=text.encode("utf-8"))
    read(page)
    decode_page(page)
    return page


def features_of(text: str, fmt: str):
    return html_features(parse_html(text)) if fmt == "html" else text_features(text_lines(text))


def facts_of(text: str, fmt: str):
    return features_of(text, fmt)[1]


@pytest.mark.parametrize("fmt, name", [("html", name) for name in HTML_PAGES] + [("text", name) for name in TEXT_PAGES])
def test_features_are_the_declared_numbers(fmt, name):
    text = (HTML_PAGES if fmt == "html" else TEXT_PAGES)[name]()
    features = features_of(text, fmt)[0]
    names = HTML_FEATURES if fmt == "html" else TEXT_FEATURES
    assert set(features) <= set(names) and len(set(names)) == len(names)
    assert all(isinstance(value, float) and math.isfinite(value) for value in features.values())


def test_a_page_without_url_leaves_the_url_features_unknown():
    features, facts = html_features(parse_html(made_up.login_page()))
    assert facts.url is None and features["has_url"] == 0.0 and "url_depth" not in features
    features, facts = html_features(parse_html(made_up.news_article()))
    assert facts.url.endswith("millbrook-votes-to-close-old-bridge")
    assert features["url_date"] == 1.0 and features["url_slug_words"] == 6.0 and features["url_article"] == 1.0


def test_html_features_see_the_structure():
    article = html_features(parse_html(made_up.news_article()))[0]
    listing = html_features(parse_html(made_up.listing_page()))[0]
    product = html_features(parse_html(made_up.product_page()))[0]
    assert article["schema_article"] == 1.0 and article["og_article"] == 1.0 and article["date_after_title"] == 1.0
    assert article["paragraph_group_share"] > 0.6 > listing["paragraph_group_share"]
    assert listing["teaser_cards_log"] > article["teaser_cards_log"] and listing["read_more_links_log"] > 0
    assert product["schema_product"] == 1.0 and product["meta_price"] == 1.0 and product["prices_per_unit"] > 0


@pytest.mark.parametrize("fmt, name, kind", [
    ("html", "login", "login"), ("html", "error", "error"), ("html", "search", "search results"),
    ("html", "paywall", "paywall stub"), ("text", "login", "login"), ("text", "error", "error"),
    ("text", "paywall", "paywall stub"),
])
def test_rules_for_other_pages(fmt, name, kind):
    text = (HTML_PAGES if fmt == "html" else TEXT_PAGES)[name]()
    assert (other_reason(facts_of(text, fmt)) or "").startswith(kind + ":")


@pytest.mark.parametrize("fmt, name", [("html", "article"), ("html", "article with a sign-in box"), ("html", "product"),
                                       ("html", "category"), ("html", "listing"), ("text", "article")])
def test_rules_for_other_leave_other_pages_alone(fmt, name):
    text = (HTML_PAGES if fmt == "html" else TEXT_PAGES)[name]()
    assert other_reason(facts_of(text, fmt)) is None


def test_an_article_about_search_results_or_errors_is_no_other_page():
    story = "".join(f"<p>{text}</p>" for text in made_up.STORY)
    for title in ("Why search results got worse this year", "Error 404: the web's most famous page turns 30"):
        page = made_up.html_page(title, f"<article><h1>{title}</h1>{story}</article>")
        assert other_reason(facts_of(page, "html")) is None


@pytest.mark.parametrize("name, expected", [("article", ARTICLE), ("article with a sign-in box", ARTICLE),
                                            ("product", "product"), ("category", "collection"),
                                            ("listing", "listing"), ("login", "other")])
def test_made_up_html_pages_get_their_type(name, expected):
    page = decoded(HTML_PAGES[name](), f"{name}.html")
    decision = classify(page)
    assert decision.type == expected, decision.detail
    assert page.tree is not None   # kept for the extract stage


def test_made_up_text_article_is_an_article():
    page = decoded(made_up.news_article_text(), "article.txt")
    decision = classify(page)
    assert decision.type == ARTICLE, decision.detail
    assert page.lines and page.lines[0].text == "Valley News"   # kept for the extract stage


def test_decision_keeps_articles_down_to_the_threshold():
    assert decide_index(np.array([0.2, 0.7, 0.1, 0, 0, 0, 0]), 0.15) == 0
    assert decide_index(np.array([0.1, 0.2, 0.6, 0.1, 0, 0, 0]), 0.15) == MODEL_TYPES.index("product")
    assert MODEL_TYPES[0] == ARTICLE and PAGE_TYPES == (*MODEL_TYPES, "other")


def test_decision_figures_count_kept_pages_by_type():
    labels = np.array([0, 0, 0, 0, 2, 2, 4])
    decided = np.array([0, 0, 0, 4, 0, 2, 4])
    figures = decision_figures(labels, decided)
    assert figures["articles_kept"] == 0.75 and figures["kept_as_article"] == {"product": 0.5, "listing": 0.0}
    assert figures["article_vs_other_accuracy"] == round(5 / 7, 4)
    assert figures["confusion"]["article"]["listing"] == 1 and figures["confusion"]["product"]["article"] == 1


@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mixed")
    for name, make in HTML_PAGES.items():
        (folder / f"{name.replace(' ', '-')}.html").write_text(make(), "utf-8")
    (folder / "story.txt").write_text(made_up.news_article_text(), "utf-8")
    return folder


def test_run_writes_articles_and_rejects_the_rest_as_not_article(mixed_folder, tmp_path):
    summary = run(mixed_folder, tmp_path, progress=False)
    records = {path.stem: json.loads(path.read_text("utf-8")) for path in tmp_path.glob("[!_]*.json")}
    assert set(records) == {"article", "article-with-a-sign-in-box", "story"}
    assert {record["page_type"] for record in records.values()} == {ARTICLE}
    rejected = {r["id"]: r for r in map(json.loads, (tmp_path / "_rejected.jsonl").read_text("utf-8").splitlines())}
    assert {r["reasons"][0] for r in rejected.values()} == {"not_article"}
    assert rejected["product"]["detail"].startswith("product ") and "threshold" in rejected["product"]["detail"]
    assert rejected["login"]["detail"].startswith("other (login: a password field")
    assert summary["page_types"]["article"] == 3 and summary["page_types"]["other"] == 4
    assert summary["rejections_by_reason"] == {"not_article": 7}


def test_all_types_writes_every_page_with_its_type(mixed_folder, tmp_path):
    summary = run(mixed_folder, tmp_path, Settings(all_types=True), progress=False)
    records = {path.stem: json.loads(path.read_text("utf-8")) for path in tmp_path.glob("[!_]*.json")}
    assert records["product"]["page_type"] == "product" and records["listing"]["page_type"] == "listing"
    assert records["article"]["page_type"] == ARTICLE
    assert "not_article" not in summary["rejections_by_reason"]


def test_all_types_is_part_of_the_cache_key():
    assert Settings(all_types=True).key() != Settings().key()


def test_explain_shows_the_type_decision_with_the_model_features(tmp_path):
    page = tmp_path / "shoe.html"
    page.write_text(made_up.product_page(), "utf-8")
    shown, rejected = explain(page)
    assert rejected.reason == "not_article" and "REJECTED not_article: product" in shown
    assert "# page type: product" in shown and "model page_type_html" in shown
    shown, rejected = explain(page, all_types=True)
    assert rejected is None and "record shoe.json" in shown and "# page type: product" in shown
    login = tmp_path / "login.html"
    login.write_text(made_up.login_page(), "utf-8")
    assert "# page type: other (login: a password field" in explain(login)[0]
