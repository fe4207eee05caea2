"""Metadata evidence in an HTML page that trafilatura's text leaves out.

JSON-LD (article headline, datePublished, author, publisher), meta tags (name/property/itemprop,
content or value, space-separated keys), <time>, <h1>, <title>; the first short element whose
class speaks of a date; as a last resort for authors, the first author-page link or "By ..."
element. Weights say how much each source is trusted; modified dates are never candidates.
trafilatura's own title, author, date and site name come in too, at low weights.
"""
from __future__ import annotations

import itertools
import json
import re
from functools import lru_cache

from lxml import etree
from trafilatura.settings import Document

from pipeline.metadata.date import PUBLISHED_LABEL, UPDATE_LABEL, date_in_text
from pipeline.page import Page

META_FIELDS = {
    # meta name/property -> (field, weight)
    "dc.title": ("headline", 4.0), "dcterms.title": ("headline", 4.0), "og:title": ("headline", 3.5),
    "twitter:title": ("headline", 3.0), "parsely-title": ("headline", 3.0), "sailthru.title": ("headline", 3.0),
    "title": ("headline", 2.0),
    "article:published_time": ("published", 4.0), "og:article:published_time": ("published", 4.0),
    "datepublished": ("published", 3.5), "pubdate": ("published", 3.0), "publishdate": ("published", 3.0),
    "publish-date": ("published", 3.0), "date": ("published", 2.0), "dc.date.issued": ("published", 3.0),
    "dc.date": ("published", 2.0), "dcterms.created": ("published", 2.0), "sailthru.date": ("published", 3.0),
    "parsely-pub-date": ("published", 3.0), "article.published": ("published", 3.0),
    "og:site_name": ("outlet", 4.0), "application-name": ("outlet", 1.0), "twitter:site": ("outlet", 0.5),
    "author": ("authors", 2.0), "article:author": ("authors", 2.5), "parsely-author": ("authors", 3.0),
    "sailthru.author": ("authors", 2.5), "dc.creator": ("authors", 2.0), "byl": ("authors", 2.0),
    "og:url": ("url", 2.0),
    "article:modified_time": ("modified", 1.0), "og:updated_time": ("modified", 1.0),
    "dc.language": ("language", 1.5), "language": ("language", 1.2), "og:locale": ("language", 0.8),
}
CONTENT_LANGUAGE_WEIGHT = 1.4


def json_ld_objects(tree) -> list[dict]:
    out = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content().strip() or "null", strict=False)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                out.append(item)
                stack.extend(v for k, v in item.items() if k in ("@graph", "mainEntity", "itemListElement"))
    return out


def names(value) -> list[str]:
    """Names from a JSON-LD person/organisation value (string, object or list)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return names(value.get("name"))
    if isinstance(value, list):
        return [n for v in value for n in names(v)]
    return []


ARTICLE_TYPES = re.compile(r"Article|Posting|Report|Blog|NewsArticle", re.I)


def add_json_ld(page: Page, tree) -> None:
    for obj in json_ld_objects(tree):
        kind = obj.get("@type")
        kind = " ".join(kind) if isinstance(kind, list) else str(kind or "")
        is_article = bool(ARTICLE_TYPES.search(kind))
        weight = 5.0 if is_article else 2.0
        if obj.get("headline") and is_article:
            page.add("headline", str(obj["headline"]), "JSON-LD headline", weight)
        if obj.get("datePublished"):
            page.add("published", str(obj["datePublished"]), "JSON-LD datePublished", weight)
        if obj.get("dateModified"):
            page.add("modified", str(obj["dateModified"]), "JSON-LD dateModified", weight)
        if obj.get("dateCreated"):
            page.add("published", str(obj["dateCreated"]), "JSON-LD dateCreated", weight - 1)
        for name in names(obj.get("author") or obj.get("creator")):
            page.add("authors", name, "JSON-LD author", weight)
        for name in names(obj.get("publisher"))[:1]:
            page.add("outlet", name, "JSON-LD publisher", weight - 1)
        if "WebSite" in kind and obj.get("name"):
            page.add("outlet", str(obj["name"]), "JSON-LD WebSite name", 3.0)
        if is_article and obj.get("inLanguage"):
            page.add("language", str(obj["inLanguage"]), "JSON-LD inLanguage", weight)


DUBLIN_CORE_PREFIX = re.compile(r"^dc(terms?)?:")


def add_meta_tags(page: Page, tree) -> None:
    for meta in tree.iter("meta"):
        keys = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower().split()
        content = " ".join((meta.get("content") or meta.get("value") or "").split())
        for key in (DUBLIN_CORE_PREFIX.sub(lambda m: m.group(0)[:-1] + ".", k) for k in keys):
            if key in META_FIELDS and content:
                field_name, weight = META_FIELDS[key]
                page.add(field_name, content, f"meta {key}", weight)
    for el in tree.xpath('//*[@itemprop="datePublished"][@datetime or @content]'):
        page.add("published", el.get("datetime") or el.get("content"), "itemprop datePublished", 3.5)
    for el in tree.xpath("//time[@datetime]")[:3]:
        page.add("published", el.get("datetime"), "<time datetime>", 1.5)
    for el in tree.xpath('//link[@rel="canonical"][@href]')[:1]:
        page.add("url", el.get("href"), "link canonical", 3.0)
    h1s = [h for h in (re.sub(r"\s+", " ", h.text_content()).strip() for h in tree.iter("h1")) if h]
    for h1 in h1s[:2]:
        page.add("headline", h1, "<h1>", 1.5 if len(h1s) == 1 else 1.0)
    for heading in itertools.islice(filter(None, (" ".join(h.text_content().split())
                                                  for h in body_elements(tree, ("h2", "h3", "h4")))), 1):
        page.add("headline", heading, "first heading", 0.5)   # h2-h4: the title of a page without an <h1>
    title = tree.find(".//title")
    if title is not None and title.text_content().strip():
        page.add("headline", re.sub(r"\s+", " ", title.text_content()).strip(), "<title>", 2.0)
    lang = tree.get("lang") or tree.get("xml:lang")
    if lang:
        page.add("language", lang, "<html lang>", 1.0)
    for meta in tree.xpath('//meta[translate(@http-equiv, "CONTENT-LANGUAGE", "content-language")="content-language"]')[:1]:
        page.add("language", meta.get("content"), "meta http-equiv content-language", CONTENT_LANGUAGE_WEIGHT)


DATE_CLASS = re.compile("date|time|publish|posted|byline|dateline|meta", re.I)
DATE_ELEMENT_MAX_CHARS = 120


def body_elements(tree, tag=etree.Element):
    """The elements (of a tag) inside the page's <body>, in document order. (Filtering them in Python
    is cheaper than an XPath with EXSLT regular expressions, which call back into Python per node.)"""
    for body in tree.iter("body"):
        yield from body.iterdescendants(tag)


@lru_cache(maxsize=4096)   # a page repeats the same class lists many times
def speaks_of_date(class_and_id: str) -> bool:
    return DATE_CLASS.search(class_and_id) is not None


def add_date_elements(page: Page, tree) -> None:
    """The first short element whose class or id speaks of a date and whose text holds one; a date labelled as
    an update ('Last updated: ...') in the page's footer is no publication date."""
    for el in body_elements(tree):
        if not speaks_of_date(f"{el.get('class') or ''} {el.get('id') or ''}"):
            continue
        text = " ".join(el.text_content().split())
        found = date_in_text(text) if len(text) <= DATE_ELEMENT_MAX_CHARS else None
        if found and is_update_footer(el, text):
            continue
        if found:
            page.add("published", found, f"date element <{el.tag} class={el.get('class') or el.get('id')}>", 1.5)
            return


FOOTER = re.compile(r"footer", re.I)


def is_update_footer(el, text: str) -> bool:
    """A date labelled as the page's last update (not its publication) inside the page's footer."""
    return (UPDATE_LABEL.search(text) is not None and PUBLISHED_LABEL.search(text) is None
            and any(up.tag == "footer" or FOOTER.search(f"{up.get('class') or ''} {up.get('id') or ''}")
                    for up in itertools.chain([el], el.iterancestors())))


HEADLINE_DATE_REACH = (8, 30)   # texts before and after the page's <h1> where a printed date dates the story
HEADLINE_DATE_WEIGHT = 1.2
UPDATED_DATE_WEIGHT = 0.6       # ... labelled as an update: the story's only date on many pages, yet not always
NEAR_TEXTS = "{axis}::text()[normalize-space()][not(ancestor::script or ancestor::style)][position() <= {reach}]"


def add_dates_by_the_headline(page: Page, tree) -> None:
    """The nearest short text above and below the page's first <h1> that prints a date ('Mar 5, 2025' under the
    headline, beside the author's name): the byline many pages show without a date class or tag. A date labelled
    as an update is trusted less, and never in the page's footer."""
    h1 = next(body_elements(tree, "h1"), None)
    if h1 is None:
        return
    before, after = HEADLINE_DATE_REACH
    for where, texts in (("above", reversed(h1.xpath(NEAR_TEXTS.format(axis="preceding", reach=before)))),
                         ("below", h1.xpath(NEAR_TEXTS.format(axis="following", reach=after)))):
        label = ""   # the text before: a label alone before the date ('Last updated:')
        for node in texts:
            text = " ".join(node.split())
            found = date_in_text(text) if len(text) <= DATE_ELEMENT_MAX_CHARS else None
            if not found:
                label = text
                continue
            labelled = label + text
            if is_update_footer(node.getparent(), labelled):
                continue   # a short page's 'Last updated' footer
            update = UPDATE_LABEL.search(labelled) and not PUBLISHED_LABEL.search(labelled)
            page.add("published", found, f"date by the headline ({where}{', an update' if update else ''})",
                     UPDATED_DATE_WEIGHT if update else HEADLINE_DATE_WEIGHT)
            break


AUTHOR_PAGE = re.compile(r"/(author|authors|profile|people|writers?|staff|contributors?)/[^/]+/?$", re.I)
COMMENT_CLASS = re.compile("comment", re.I)
AUTHOR_CLASS = re.compile("author|byline|writer", re.I)   # 'author-name', 'wp-block-post-author__name', 'c-byline'
NAME_CLASS = re.compile("name", re.I)   # inside an author box, the part that holds the name (not the bio or the title)

BYLINE_START = re.compile(r"^\W{0,2}(?:(?:written|posted|story|words)\s+)?by(?:\s|:|$)", re.I)   # 'By ...', 'written by'
BYLINE_LABEL = re.compile(   # an element that is only the label of the name beside it: '<h3>Author</h3><p>Ann Lee</p>'
    r"^\W{0,2}(?:(?:written|posted|story|words|article)\s+by|by|authors?|writers?|contributors?)\W{0,2}$", re.I)
BYLINE_MAX_WORDS = 6
LABELLED_REACH = 3   # elements after a label alone that may hold the name (a portrait may come between)
FALLBACK_AUTHOR_WEIGHT = 0.9   # below trafilatura's author: a fallback for pages that name no one elsewhere


def in_comments(el) -> bool:
    return any(COMMENT_CLASS.search(up.get("class") or "") for up in el.iterancestors() if up.tag != "body")


def author_links(tree):
    """Links to an author page (rel=author, /author/..., /profile/...) outside the comments."""
    return (el for el in body_elements(tree, "a")
            if (el.get("rel") == "author" or AUTHOR_PAGE.search(el.get("href") or "")) and not in_comments(el))


def own_text(el) -> str:
    """The element's first text of its own (before its first child, or right after a child such as an icon)."""
    if el.text and el.text.strip():
        return el.text
    return next((child.tail for child in el if child.tail and child.tail.strip()), "")


def spaced_text(el) -> str:
    """The element's text, with a space between its blocks ('<div>By</div><div>Ann Lee</div>' -> 'By Ann Lee')."""
    return " ".join(" ".join(el.itertext()).split())


def link_bylines(tree):
    """(element, text) of the links to an author page."""
    return ((el, spaced_text(el)) for el in author_links(tree))


def by_bylines(tree):
    """(element, text) of the elements outside the comments whose own text reads "By ..." or "written by ..." in
    any case (a link's only as 'By'), and of the labels alone ('By', 'Author', 'Article by') with the text that
    follows them: their tail or the next element with text."""
    for el in body_elements(tree):
        if not isinstance(el.tag, str) or in_comments(el):
            continue
        own = own_text(el)
        if el.tag == "a" and own.lstrip().startswith("by"):
            continue   # 'by topic', 'by date': a way to browse, not a byline
        text = spaced_text(el) if BYLINE_START.match(own) or BYLINE_LABEL.match(el.text or "") else ""
        if len(text.split()) > BYLINE_MAX_WORDS and BYLINE_LABEL.match(own) and len(el):
            named = next((found for found in map(spaced_text, el) if found), "")   # 'By <a>Ann Lee</a> | Print'
            text = f"By {named}" if named else ""
        if BYLINE_LABEL.match(text):
            after = (spaced_text(sibling) for sibling in itertools.islice(el.itersiblings(), LABELLED_REACH))
            named = (el.tail or "").strip() or next((found for found in after if found), "")   # past a portrait
            text = f"By {named}" if named else ""
        if text:
            yield el, text


@lru_cache(maxsize=4096)   # a page repeats the same class lists many times
def speaks_of_author(class_name: str) -> bool:
    return AUTHOR_CLASS.search(class_name) is not None and not COMMENT_CLASS.search(class_name)


def name_part(el):
    """The element's first descendant whose class speaks of a name ('author-box__name'), else the element itself."""
    return next((part for part in el.iterdescendants() if isinstance(part.tag, str)
                 and NAME_CLASS.search(part.get("class") or "") and spaced_text(part)), el)


def class_bylines(tree):
    """(element, text) of the elements outside the comments whose class speaks of an author or a byline; of an
    author box that marks the name apart from the bio, the name."""
    for el in body_elements(tree):
        if isinstance(el.tag, str) and speaks_of_author(el.get("class") or "") and not in_comments(el):
            part = name_part(el)
            yield part, spaced_text(part)


def add_byline_fallback(page: Page, tree) -> None:
    """The first author-page link with a short name, the first short "By ..." element or labelled name, and the
    first short element whose class speaks of an author."""
    sources = (("author link", link_bylines), ("'By' element", by_bylines), ("author element", class_bylines))
    for origin, found in sources:
        for el, text in found(tree):
            if text and len(text.split()) <= BYLINE_MAX_WORDS:
                page.add("authors", text, f"{origin} <{el.tag}>", FALLBACK_AUTHOR_WEIGHT)
                break


def add_trafilatura_metadata(page: Page, doc: Document) -> None:
    if doc.title:
        page.add("headline", doc.title, "trafilatura title", 0.5)
    if doc.date:
        page.add("published", doc.date, "trafilatura date", 1.0)
    if doc.author:
        page.add("authors", doc.author, "trafilatura author", 1.0)
    if doc.sitename:
        page.add("outlet", doc.sitename, "trafilatura sitename", 1.0)


def add_html_evidence(page: Page, tree) -> None:
    """Candidates from the parsed page (call before trafilatura, which prunes the tree)."""
    add_json_ld(page, tree)
    add_meta_tags(page, tree)
    add_date_elements(page, tree)
    add_dates_by_the_headline(page, tree)
    add_byline_fallback(page, tree)
