"""HTML pages: one lxml parse; evidence read from it (JSON-LD, meta tags), then blocks that HTML
structure marks as not the article pruned, then trafilatura for the body, its blocks as Lines."""
from __future__ import annotations

import itertools
import re
from functools import lru_cache

import lxml.html
import trafilatura
import trafilatura.main_extractor
from trafilatura.metadata import extract_metadata
from lxml import etree

from pipeline.metadata.html_evidence import add_html_evidence, add_trafilatura_metadata, body_elements
from pipeline.page import Line, Page, Rejected

BODY_OPTIONS = {"include_comments": False, "include_tables": True, "deduplicate": False}
FULL_PASS_BELOW_CHARS = 1000
FULL_PASS_PROSE_SHARE = 0.5
FULL_PASS_PAGE_SHARE = 0.5     # of the page's prose: a fast pass that kept less missed sections
UNPRUNED_GAIN = 2              # the unpruned page's text replaces the pruned page's when it has this many times the prose
PROSE_LINE_WORDS = 10
UNSPACED_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")   # kana and Han
UNSPACED_CHARS_PER_WORD = 3
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
WHOLE_ARTICLE_SHARE = 0.8
SECTION_FRONT_SHARE = 0.95   # of the paragraph text in story-card lists (an article's sidebar may hold 70%)
TEASER_CLASS = re.compile(r"(?:^|[\s_-])(?:dek|standfirst|sub-?title|subhead(?:line)?|excerpt|teaser|kicker|strapline"
                          r"|newsletter|sign-?up)"
                          r"(?:$|[\s_-])", re.I)
TEASER_CHARS_MAX = 400
SUBHEADING_CLASS = re.compile(r"(?:^|[\s_-])subhead(?:line)?(?:$|[\s_-])", re.I)   # the subheading names of TEASER_CLASS
HIDDEN_CLASS = re.compile(r"(?:^|\s)(?:hidden|is-hidden|vjs-hidden|d-none|hide|sr-only|visually-?hidden|screen-reader-text"
                          r"|offscreen)(?:$|\s)", re.I)
HEADER_CLASS = re.compile(r"(?:^|[\s_-])head(?:er)?(?:$|[\s_-])", re.I)
GALLERY_CLASS = re.compile(r"gallery|slideshow|carousel", re.I)
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
SOCIAL_POSTS = ("//blockquote[contains(@class, 'twitter-tweet') or contains(@class, 'instagram-media')"
                " or contains(@class, 'tiktok-embed')]")
EMBED_WRAPPER_LEVELS = 3
WORD = re.compile(r"\w+")
TITLE_WORDS_SHARE = 0.4   # of an <h1>'s words found in a title from the page's metadata
LIST_ITEM = re.compile(r"^- ")   # trafilatura's mark for a list item

# trafilatura drops a paragraph that repeats the one before it; a page that prints the same
# paragraph twice still has it twice in its text, so the body keeps both.
trafilatura.main_extractor.MIN_DUPLICATE_LENGTH = 10**9


HTML_CLASSES = etree.ElementDefaultClassLookup(element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment,
                                               pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity)


def parse_html(text: str, page: Page | None = None):
    """An lxml tree that never touches the network or resolves entities.

    The text is already decoded: it goes to lxml as UTF-8 bytes said to be UTF-8, so that a page
    without a charset declaration is not read as Latin-1. Without huge_tree, libxml2 stops at 256
    levels of nesting (so a deeply nested page cannot exhaust the stack later) and at text nodes of
    10 MB; where a limit stops it, the rest of the page is lost, and `page` is warned (parser_limit).
    """
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, huge_tree=False,
                                  recover=True, default_doctype=False, encoding="utf-8")
    parser.set_element_class_lookup(HTML_CLASSES)
    try:
        tree = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise Rejected("unparsable_html", str(exc)) from None
    if tree is None:
        raise Rejected("unparsable_html", "no document")
    stopped = next((error for error in parser.error_log if error.level == etree.ErrorLevels.FATAL), None)
    if stopped is not None and page is not None:
        page.warn("parser_limit", f"the HTML parser stopped at line {stopped.line}, column {stopped.column}: "
                                  f"{stopped.message.strip()}; the rest of the page was not read", limit=True)
    return tree


def has_linked_heading(item) -> bool:
    """A heading that is a link or holds one: the title of a story card."""
    return any(heading.find(".//a") is not None or next(heading.iterancestors("a"), None) is not None
               for heading in item.iter(*HEADINGS))


def story_card_lists(tree) -> list:
    """Lists whose items are mostly story cards (a linked headline, maybe a teaser): other pages. When
    they hold all but a sliver of the page's paragraph text, the page is a section front and they stay."""
    found = []
    for lst in tree.iter("ul", "ol"):
        items = [child for child in lst if child.tag == "li"]
        if len(items) >= 2 and 2 * sum(map(has_linked_heading, items)) >= len(items):
            found.append(lst)
    if found and sum(map(paragraph_chars, outermost(found))) > SECTION_FRONT_SHARE * paragraph_chars(tree):
        return []
    return found


HIDDEN, GALLERY, TEASER = "hidden", "gallery", "teaser"
ARTICLE_TAGS = ("article", "main")


# a page repeats the same class lists many times: the answers for them are kept
@lru_cache(maxsize=16384)
def named_kind(classes: str, ident: str) -> str:
    """What a block's class (and id) name it: a 'hidden' or screen-reader-only utility class (HIDDEN); a photo
    gallery, slideshow or carousel (GALLERY: captions of other pictures, or other stories); a standfirst,
    teaser or kicker (it restates or points to a story) or a newsletter sign-up (it asks for the reader's
    address) (TEASER); or nothing of these ('')."""
    if HIDDEN_CLASS.search(classes):
        return HIDDEN
    if GALLERY_CLASS.search(classes):
        return GALLERY
    return TEASER if TEASER_CLASS.search(f"{classes} {ident}") else ""


def block_kind(el) -> str:
    """HIDDEN for a block never shown (hidden attribute, aria-hidden, display:none, visibility:hidden, or its
    class); GALLERY for a gallery; TEASER for a short teaser-named block (not an <article> or <main>); else ''."""
    style = el.get("style")
    if el.get("hidden") is not None or el.get("aria-hidden") == "true" or (style and HIDDEN_STYLE.search(style)):
        return HIDDEN
    classes, ident = el.get("class"), el.get("id")
    if not (classes or ident):
        return ""
    kind = named_kind(classes or "", ident or "")
    if kind == HIDDEN:
        return HIDDEN
    if not kind or el.tag in ARTICLE_TAGS or (kind == TEASER and len("".join(el.itertext())) > TEASER_CHARS_MAX):
        return ""
    return kind


def is_text_subheading(el) -> bool:
    """A block named as a subheading right after a paragraph heads a section of the text, it is no standfirst."""
    before = el.getprevious()
    return before is not None and before.tag == "p" and SUBHEADING_CLASS.search(el.get("class") or "") is not None


def unwanted_blocks(tree) -> list:
    """Teasers, hidden elements and galleries, in one pass over the body's elements. A gallery holding nearly
    all of the page's paragraph text stays, and so do hidden elements holding it together: they are the
    article (a page that shows its sections one at a time). A teaser-named subheading of the text becomes a
    heading (<h3>), which trafilatura keeps."""
    teasers, hidden, galleries = [], [], []
    for el in body_elements(tree):
        kind = block_kind(el)
        if kind == HIDDEN:
            hidden.append(el)
        elif kind == GALLERY:
            galleries.append(el)
        elif kind == TEASER:
            if is_text_subheading(el):
                el.tag = "h3"
            else:
                teasers.append(el)
    if hidden or galleries:
        article_chars = WHOLE_ARTICLE_SHARE * paragraph_chars(tree)
        galleries = [el for el in galleries if paragraph_chars(el) <= article_chars]
        if sum(map(paragraph_chars, outermost(hidden))) > article_chars:
            hidden = []
    return hidden + galleries + teasers


def outermost(elements: list) -> list:
    """The elements that are inside none of the others."""
    found = set(elements)
    return [el for el in elements if not any(outer in found for outer in el.iterancestors())]


def paragraph_chars(element) -> int:
    return sum(len(text.strip()) for text in element.xpath(".//p//text()"))


def unwrap_social_posts(tree) -> None:
    """A quoted social post is part of the story, but trafilatura drops the 'social embed' boxes
    around it: the post's blockquote takes the place of the wrappers that hold nothing else."""
    for post in tree.xpath(SOCIAL_POSTS):
        post.attrib.pop("class", None)
        for _ in range(EMBED_WRAPPER_LEVELS):
            wrapper = post.getparent()
            outer = wrapper.getparent() if wrapper is not None else None
            if outer is None or wrapper.tag in ("article", "main", "body") or any(
                    child is not post and child.tag != "script" for child in wrapper):
                break
            post.tail = wrapper.tail
            outer.replace(wrapper, post)


def header_subheadings(tree) -> list:
    """Headings beside the title in the article's header: a <header> holding the <h1>, or the <h1>'s own
    block when its class names a header ('article-head'). The subtitle there restates the story. A header
    whose paragraphs hold more than a standfirst wraps the article itself (or the whole page): its headings
    are the article's."""
    headers = [header for header in tree.iter("header") if header.find(".//h1") is not None]
    headers += [block for block in (h1.getparent() for h1 in tree.iter("h1"))
                if block is not None and HEADER_CLASS.search(block.get("class") or "")]
    return [heading for header in headers if paragraph_chars(header) <= TEASER_CHARS_MAX
            for heading in header.iter(*HEADINGS[1:])]


def unwrap_layout_tables(tree) -> None:
    """The table cells (and their rows and tables) around an <h1> lay out the article, they hold no
    data: they become plain blocks, so that trafilatura reads the article as text, not as one cell."""
    for h1 in tree.iter("h1"):
        for el in h1.iterancestors("td", "th", "tr", "tbody", "thead", "tfoot", "table"):
            el.tag = "div"


def is_inline_card(span) -> bool:
    """A pop-up card inside a paragraph: a picture and links (a person's other stories, shown on hover)."""
    return span.find(".//img") is not None and len(span.findall(".//a")) >= 2


def inline_cards(paragraph) -> list:
    """The innermost pop-up cards of a paragraph that has words of its own beside them."""
    cards = [span for span in paragraph.iter("span") if is_inline_card(span)]
    words = len(paragraph.text_content().split())
    return [card for card in cards if len(card.text_content().split()) < words
            and not any(is_inline_card(inner) for inner in card.iterdescendants("span"))]


def is_capitals_link(paragraph) -> bool:
    """A paragraph that is only a link, in capital letters, after a paragraph of prose: a link to another story."""
    links = paragraph.findall(".//a")
    if len(links) != 1:
        return False
    text = paragraph.text_content().strip()
    before = next(paragraph.itersiblings("p", preceding=True), None)
    return (links[0].text_content().strip() == text and len(text.split()) >= 4 and text.isupper()
            and before is not None and is_prose(before.text_content()))


def is_link_card(element) -> bool:
    """A link that lays out two or more blocks of text (a kicker and a title): a card pointing to another story."""
    return element.tag == "a" and sum(1 for el in element.iterdescendants() if (el.text or "").strip()) >= 2


def paragraph_furniture(tree) -> list:
    """In one pass over the paragraphs, what sits in or between them and is no part of the story: pop-up cards
    inside a paragraph, a paragraph that is only a link in capitals, a link card right after one."""
    found = []
    for paragraph in tree.iter("p"):
        found += inline_cards(paragraph)
        if is_capitals_link(paragraph):
            found.append(paragraph)
        after = paragraph.getnext()
        if after is not None and is_link_card(after):
            found.append(after)
    return found


LOOSE_TEXT_AFTER = ("div", "figure", "table", "ul", "ol", "blockquote")
BLOCKS = {"div", "p", "figure", "table", "ul", "ol", "blockquote", "section", "article", "aside", "header", "footer",
          "h1", "h2", "h3", "h4", "h5", "h6", "pre", "hr", "br", "dl", "form", "nav", "main", "iframe", "script", "style"}


def wrap_loose_text(tree) -> None:
    """Prose left loose after a block beside the paragraphs (in no paragraph of its own), which trafilatura
    loses, becomes a paragraph with the inline elements that follow it."""
    containers = {paragraph.getparent() for paragraph in tree.iter("p")} - {None}
    for block in [child for container in containers for child in container if child.tag in LOOSE_TEXT_AFTER]:
        if not (block.tail or "").strip():
            continue
        inline = list(itertools.takewhile(lambda el: el.tag not in BLOCKS, block.itersiblings()))
        if not is_prose(block.tail + "".join(el.text_content() + (el.tail or "") for el in inline)):
            continue
        paragraph = lxml.html.Element("p")
        paragraph.text, block.tail = block.tail, None
        paragraph.extend(inline)
        block.addnext(paragraph)


def strip_code(tree) -> None:
    """Scripts (but JSON-LD, which trafilatura's metadata reads), styles and vector drawings hold no text:
    trafilatura removes them on each of its passes, after copying them with the tree."""
    for script in tree.xpath("//script[not(@type='application/ld+json')]"):
        script.drop_tree()
    etree.strip_elements(tree, "style", "svg", with_tail=False)


def prune(tree) -> None:
    """Before trafilatura: remove what HTML structure marks as not the article, unwrap what it hides."""
    strip_code(tree)
    for element in story_card_lists(tree) + unwanted_blocks(tree) + header_subheadings(tree) + paragraph_furniture(tree):
        if element.getparent() is not None:
            element.drop_tree()
    unwrap_social_posts(tree)
    wrap_loose_text(tree)
    unwrap_layout_tables(tree)


def is_prose(line: str) -> bool:
    """Ten words or more; in Chinese and Japanese, which put no spaces between words, thirty characters."""
    return (len(line.split()) >= PROSE_LINE_WORDS
            or len(UNSPACED_SCRIPT.findall(line)) >= UNSPACED_CHARS_PER_WORD * PROSE_LINE_WORDS)


def needs_full_pass(text: str, page_chars: int) -> bool:
    """trafilatura's fast pass is enough unless its text is short, mostly short lines (menus), or less than
    half of the page's prose (it took one section for the article): then the full pass, which compares it
    with other extractors, decides."""
    lines = [line for line in text.split("\n") if line.strip()]
    chars = sum(map(len, lines))
    return (chars < FULL_PASS_BELOW_CHARS or prose_chars(text) < FULL_PASS_PROSE_SHARE * chars
            or chars < FULL_PASS_PAGE_SHARE * page_chars)


def prose_chars(text: str) -> int:
    return sum(len(line) for line in text.split("\n") if is_prose(line))


UNSHOWN = {"script", "style", "template", "noscript"}


def page_prose_chars(tree) -> int:
    """The characters of the page's runs of text (between tags) that are prose, wherever they stand: in
    paragraphs or not, in the article or beside it. Scripts and styles are not shown."""
    chars = 0
    for el in tree.iter():
        for run in (el.tail, None if el.tag in UNSHOWN else el.text):
            if run and is_prose(run):
                chars += len(run.strip())
    return chars


def words_key(text: str) -> str:
    return " ".join(WORD.findall(text.casefold()))


def link_texts(tree) -> set[str]:
    """The texts of the page's links (two words or more), to recognise blocks that are only a link."""
    keys = {words_key(a.text_content()) for a in tree.iter("a")}
    return {key for key in keys if " " in key}


def title_texts(tree, page: Page) -> set[str]:
    """The texts of the <h1> elements that show the title the page's metadata gives: a good share of their
    words is in a title candidate (a display title and an SEO title are often worded apart)."""
    named = [set(words_key(str(c.value)).split()) for c in page.candidates_for("headline") if c.origin != "<h1>"]
    shown = {words_key(h1.text_content()) for h1 in tree.iter("h1")}
    return {key for key in shown if key and any(
        len(set(key.split()) & title) >= TITLE_WORDS_SHARE * len(set(key.split())) for title in named)}


def body_blocks(text: str, links: set[str], titles: set[str]) -> list[Line]:
    """trafilatura's blocks as Lines; the page's title shown above the first paragraph is removed."""
    lines, before_prose = [], True
    for no, block in enumerate(text.split("\n"), start=1):
        block = block.strip()
        if block:
            key = words_key(LIST_ITEM.sub("", block))
            line = Line(no=no, text=block, blank_before=True, link=key in links)
            if before_prose and key in titles:
                line.removed_by, line.note = "extract", "the <h1> title above the first paragraph"
            before_prose = before_prose and not is_prose(block)
            lines.append(line)
    return lines


def trafilatura_text(tree, url: str | None, fast: bool) -> str:
    doc = trafilatura.bare_extraction(tree, url=url, fast=fast, **BODY_OPTIONS)
    return (doc.text if doc is not None else "") or ""


def main_text(tree, url: str | None, page_prose: int) -> tuple[str, str]:
    """trafilatura's fast pass; its full pass when the fast pass falls short (see needs_full_pass).
    The text, and a warning when the fast pass found nothing and the full pass did."""
    text = trafilatura_text(tree, url, fast=True)
    if not needs_full_pass(text, page_prose):
        return text, ""
    full = trafilatura_text(tree, url, fast=False)
    if full.strip() and not text.strip():
        return full, "trafilatura's fast pass found no text; its full pass did"
    return full or text, ""


def extract_html(page: Page) -> None:
    """Parse once (the page-type stage already has), read the evidence, prune, then trafilatura's passes
    (see main_text), then trafilatura's metadata fields from the same pruned tree (trafilatura works on copies
    of it). When the pruned page gives little prose, the page is read again unpruned: its text wins if it has
    much more prose (pruning took the article; it can only when pruning removed more prose than the pruned page
    gave), and only when neither has text is the page no article."""
    tree = page.tree if page.tree is not None else parse_html(page.text, page)
    page.tree = None   # pruned below: nothing else may read it
    add_html_evidence(page, tree)
    urls = sorted(page.candidates_for("url"), key=lambda c: -c.weight)
    page.url = page.url or (str(urls[0].value) if urls else None)
    whole_prose = page_prose_chars(tree)
    prune(tree)
    pruned_prose = page_prose_chars(tree)
    text, fallback = main_text(tree, page.url, pruned_prose)
    body_tree = tree
    found = prose_chars(text)
    if not text.strip() or (found < FULL_PASS_BELOW_CHARS and whole_prose - pruned_prose > found):
        unpruned = parse_html(page.text)
        whole, whole_fallback = main_text(unpruned, page.url, whole_prose)
        if whole.strip() and (prose_chars(whole) > UNPRUNED_GAIN * found or not text.strip()):
            text, body_tree = whole, unpruned
            fallback = "; ".join(filter(None, ["the pruned page gave little text, the unpruned page's was used",
                                               whole_fallback]))
    if fallback:
        page.warn("fallback", fallback)
    if not text.strip():
        raise Rejected("no_article", "trafilatura found no main text, pruned or not")
    links, titles = link_texts(body_tree), title_texts(body_tree, page)
    # htmldate's extensive search (dateparser over the free text) is slow: only when our own
    # evidence (JSON-LD, meta tags, date elements) offers no date
    date_search = {"original_date": True, "extensive_search": not page.candidates_for("published")}
    add_trafilatura_metadata(page, extract_metadata(tree, page.url, date_search))
    page.lines = body_blocks(text, links, titles)
