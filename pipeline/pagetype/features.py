"""What kind of page this is, as numbers: the features of a whole page, for the page-type models.

One function per input kind, used both when `run` types a page and when `make train` builds the rows:
- `html_features(tree, url)`: from the parsed page before anything is pruned, in one walk over its
  body: how the text splits between links, paragraphs, lists, tables, code, headings, navigation and
  forms; the biggest group of paragraphs under one parent (an article's text sits together); forms
  and inputs (password, search); words of class names (comment, product, card...); from the head:
  schema.org types (JSON-LD, microdata), og:type, article and product meta tags, and the shape of
  the URL path (/2024/05/slug, /products/..., /docs/...);
- `text_features(lines)`: from a plain-text dump's lines (as the extract stage reads them), in one pass: prose share, the
  longest run of prose blocks (a paragraph wrapped over lines counts as one block), short link-like
  lines, bullets, lines repeated, input fields and buttons as lynx draws them, code and table rows.
Both add the same word signals (prices, shop, reply and date words, "you/we", digits, CJK script).
Ratios keep pages of any size comparable; counts are log-scaled. Feature code runs on every page:
it keeps to one pass and to C-speed string methods.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lxml import etree

from pipeline.page import Line
from pipeline.textutil import CJK, DIGIT

SCHEMA_GROUPS = {  # schema.org type names (JSON-LD @type, microdata itemtype) -> group
    "article": re.compile(r"^(?:\w*Article|BlogPosting|LiveBlogPosting|Report|OpinionNewsArticle)$"),
    "product": re.compile(r"^(?:Product|ProductGroup|IndividualProduct|Offer|AggregateOffer|Vehicle|Car|Book|"
                          r"SoftwareApplication|MobileApplication)$"),
    "list": re.compile(r"^(?:ItemList|CollectionPage|OfferCatalog|SearchResultsPage|ProfilePage|Blog)$"),
    "forum": re.compile(r"^(?:DiscussionForumPosting|SocialMediaPosting|QAPage|Question|Answer|Comment)$"),
    "docs": re.compile(r"^(?:TechArticle|APIReference|SoftwareSourceCode|HowTo|Recipe|Course)$"),
    "service": re.compile(r"^(?:Service|\w*Business|Organization|Corporation|FAQPage|Event|EducationalOrganization|"
                          r"CollegeOrUniversity|MedicalClinic|Store|Restaurant|Hotel|Place)$"),
    "webpage": re.compile(r"^(?:WebPage|AboutPage|ContactPage|ItemPage|MedicalWebPage)$"),
}
JSON_LD_TYPE = re.compile(r'"@type"\s*:\s*(\[[^\]]*\]|"[^"]*")')
OG_TYPES = ("article", "product", "website", "profile", "book", "video")
URL_GROUPS = {  # a word of the URL path -> what such paths usually hold (common web conventions)
    "article": {"news", "article", "articles", "story", "stories", "blog", "blogs", "post", "posts", "opinion",
                "press", "nachrichten", "noticias", "actualites", "artikel"},
    "product": {"product", "products", "p", "dp", "item", "items", "itm", "sku", "buy", "app", "apps"},
    "collection": {"collection", "collections", "category", "categories", "c", "shop", "store", "catalog",
                   "catalogue", "brand", "brands", "department", "browse"},
    "listing": {"tag", "tags", "topic", "topics", "archive", "archives", "search", "list", "lists", "directory",
                "events", "jobs", "page", "author", "authors", "section"},
    "forum": {"forum", "forums", "thread", "threads", "t", "questions", "question", "discussion", "discussions",
              "community", "comments", "r", "viewtopic", "showthread", "answers"},
    "docs": {"docs", "doc", "documentation", "manual", "guide", "guides", "api", "reference", "wiki", "help",
             "kb", "support", "faq", "tutorial", "tutorials", "learn", "developer", "developers", "sdk"},
    "service": {"services", "service", "pricing", "about", "contact", "solutions", "plans", "features",
                "admissions", "programs", "tuition", "careers", "company", "locations", "membership"},
}
CLASS_GROUPS = {  # words of class and id names ('product-card' -> product, card) -> group: common template naming
    "comment": "comment reply replies thread forum vote answer discussion message username avatar post",
    "product": "product price cart basket checkout sku wishlist variant quantity stock swatch buy",
    "card": "card tile grid teaser listing result thumb carousel slider item",
    "article": "article story byline author entry dateline headline published content body",
    "docs": "docs doc toc api highlight syntax sidebar breadcrumb version code",
    "pager": "pagination pager loadmore more next",
    "pitch": "hero cta testimonial pricing plan feature benefit banner signup newsletter",
}
CLASS_GROUP_OF = {word: group for group, words in CLASS_GROUPS.items() for word in words.split()}
WORD_GROUPS = {  # words (lower case) that such pages print often: counted, never required; a word in one group only
    "currency": {"usd", "eur", "gbp", "cad", "aud", "chf", "jpy", "kr", "zł", "kč", "руб"},
    "shop": {"cart", "basket", "checkout", "stock", "shipping", "delivery", "buy", "wishlist", "quantity", "qty",
             "sku", "reviews", "warenkorb", "panier", "carrito", "price", "sale", "order"},
    "reply": {"reply", "replies", "quote", "wrote", "joined", "posts", "upvote", "upvotes", "votes", "answered",
              "asked", "permalink", "report", "thread", "views", "member", "members", "posted"},
    "month": {"jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul", "july",
              "aug", "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec", "december"},
    "you": {"you", "your", "you're", "yours"},
    "we": {"we", "our", "us", "we're", "ours"},
    "reporting": {"said", "says", "told", "according", "reported", "reporter", "correspondent", "journalist",
                  "spokesperson", "spokesman", "spokeswoman", "sagte", "dijo", "selon", "detto", "zei", "powiedział"},
    "byline": {"by", "published", "updated", "editor", "author", "staff", "min", "read", "share", "tweet", "photo",
               "getty", "reuters", "ap", "afp", "dpa"},
    "service": {"contact", "consultation", "appointment", "call", "services", "solutions", "clients", "customers",
                "expert", "experts", "professional", "schedule", "request", "enroll", "apply", "plans"},
    "docs": {"install", "installation", "configure", "configuration", "example", "examples", "parameter",
             "parameters", "returns", "function", "api", "command", "default", "syntax", "version", "docs",
             "documentation", "tutorial", "reference", "click", "select", "step"},
    "listing": {"more", "next", "previous", "page", "results", "sort", "filter", "showing", "items", "view", "all",
                "load", "latest", "archive", "category", "categories", "tags"},
    "account": {"sign", "login", "log", "password", "username", "register", "account", "forgot", "subscribe",
                "subscription", "subscribers"},
}
WORD_ENDS = ("", ".", ",", ":", ")", "?", "!")   # a word as split() leaves it before punctuation
GROUP_OF_TOKEN = {word + end: group for group, words in WORD_GROUPS.items() for word in words for end in WORD_ENDS}
CURRENCY_SIGNS = "$€£¥₹₩"
DIGITS = "0123456789"
CODE_SIGNS = "{};=<>"
DATE_PATH = re.compile(r"/(?:19|20)\d\d/(?:[01]?\d/)?")
ID_SEGMENT = re.compile(r"\d{4,}")
SKIPPED = {"script", "style", "template", "svg", "iframe", "object", "select"}   # <noscript> is read: some pages
# (forums among them) put their whole text there for readers without JavaScript
ZONES = {"a": "link", "p": "paragraph", "li": "list", "dd": "list", "dt": "list", "td": "table", "th": "table",
         "pre": "code", "code": "code", "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading",
         "h5": "heading", "h6": "heading", "nav": "nav", "header": "header", "footer": "footer", "form": "form",
         "button": "button", "label": "form", "blockquote": "quote", "aside": "aside", "article": "article",
         "main": "main"}
ZONE_NAMES = sorted(set(ZONES.values()))
LINKED_BLOCKS = {"h2": "heading", "h3": "heading", "h4": "heading", "li": "item"}
AFTER_VISIT = {"a", "p", "h1", *LINKED_BLOCKS}
PROSE_PIECE_CHARS = 100    # a piece of text this long outside a link is prose (or part of a paragraph of it)
PROSE_LEVELS = 3           # prose counts for the element that holds it and the two around: an article's
                           # paragraphs, each in a wrapper of its own, still add up in their container
TEASER_CARDS_MIN = 3       # children of one element: fewer make no list of cards
TEASER_CARD_CHARS = 80     # a card's text: a headline and a line of teaser, or a product's name and price
READ_MORE_CHARS = 30
READ_MORE = re.compile(r"\b(?:read|learn|see|view) (?:more|the rest|full)|\bcontinue reading|\bmore\s*[»›>]|\bweiterlesen\b"
                       r"|\bmehr lesen\b|\blire la suite\b|\ben savoir plus\b|\bleer más\b|\bleggi (?:tutto|di più)\b"
                       r"|\blees meer\b|\bczytaj (?:dalej|więcej)\b|\bläs mer\b|続きを読む|阅读更多", re.I)
HEADLINE_LINK_CHARS = (30, 150)   # a link whose text is as long as a headline: another story, product, thread
DATE_PIECE_CHARS = 40
AFTER_TITLE_PIECES = 12    # pieces of text after the title where an article names its date and author
DATE_LIKE = re.compile(r"\d{4}-\d\d-\d\d|\d{1,2}[./]\d{1,2}[./]\d{2,4}|(?:19|20)\d\d(?!\d)|\d{1,2}:\d\d"
                       r"|\d+ (?:min(?:ute)?s?|hours?|days?) ago\b|\d\s*[年月]")


def is_date_like(text: str) -> bool:
    """Holds a date or a time (every form has a digit: a quick search for one spares most texts the full one)."""
    return DIGIT.search(text) is not None and DATE_LIKE.search(text) is not None
BYLINE_LIKE = re.compile(r"^(?:by|von|par|por|di|door|av|przez)\b|\b(?:author|reporter|staff|editor|written by)\b", re.I)
LONG_PARAGRAPH = 200       # characters: a paragraph of prose, not a caption or a card's teaser
CHARS_PER_WORD = 6         # with the space: for word counts from character counts
HEAD_CHARS = 1000          # the start of the text that the rules for `other` pages read
SEARCH_NAMES = {"q", "s", "query", "search", "keyword", "keywords"}
TAGS_COUNTED = ("a", "p", "li", "h1", "h2", "h3", "table", "pre", "form", "input", "textarea", "button", "img",
                "article", "section", "time", "nav", "aside", "iframe", "video", "blockquote", "dl", "code")

WORD_SIGNALS = (*(f"{group}_words_log" for group in WORD_GROUPS), *(f"{group}_words_share" for group in WORD_GROUPS),
                "prices_per_unit", "words_per_unit", "digits_share", "cjk_share")
HTML_FEATURES = (
    "chars_log", "elements_log", "chars_per_element",
    *(f"{zone}_share" for zone in ZONE_NAMES),
    *(f"tag_{tag}_log" for tag in TAGS_COUNTED),
    "links_per_kchar", "chars_per_link", "long_paragraphs_log", "long_paragraph_share",
    "paragraph_group_share", "paragraph_group_chars_log", "group_long_paragraphs_log", "groups_with_long_log",
    "headings_linked_share", "linked_headings_log", "items_linked_share",
    "headline_links_log", "headline_links_share", "date_pieces_log", "teaser_cards_log", "read_more_links_log",
    "text_after_title_share", "prose_share", "main_block_share", "main_block_chars_log", "title_words", "page_title_words", "date_after_title", "byline_after_title", "tel_links_log", "mailto_links_log",
    "password_inputs", "search_inputs", "text_inputs_log", "hidden_inputs_log",
    *(f"schema_{group}" for group in SCHEMA_GROUPS), "schema_types_log", "schema_date_published", "schema_author",
    *(f"og_{kind}" for kind in OG_TYPES), "og_type_other", "meta_published", "meta_author", "meta_price",
    *(f"class_{group}_log" for group in CLASS_GROUPS), "rel_next", "rel_author",
    "has_url", "url_depth", "url_date", "url_id", "url_slug_words", "url_query", "url_trailing_slash", "url_file",
    *(f"url_{group}" for group in URL_GROUPS),
    "questions_share", *WORD_SIGNALS,
)


def log_count(n: float) -> float:
    return math.log1p(n)


def share(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def cjk_chars(text: str) -> int:
    """Characters of Chinese, Japanese or Korean script."""
    return 0 if text.isascii() else len(CJK.findall(text))


def word_signals(text: str, units: int) -> dict[str, float]:
    """Counts of telling words, prices per unit (an element's text in HTML, a line in a dump), what share of the
    words address the reader or speak for the site, and what the characters are (digits, CJK script)."""
    words = Counter(text.lower().split())
    total = sum(words.values())
    found = dict.fromkeys(WORD_GROUPS, 0)
    for token in words.keys() & GROUP_OF_TOKEN.keys():
        found[GROUP_OF_TOKEN[token]] += words[token]
    signals = {f"{group}_words_log": log_count(n) for group, n in found.items()}
    signals.update({f"{group}_words_share": share(n, total) for group, n in found.items()})
    prices = sum(text.count(sign) for sign in CURRENCY_SIGNS) + found["currency"]
    signals.update(prices_per_unit=share(prices, units), words_per_unit=share(total, units),
                   digits_share=share(sum(text.count(digit) for digit in DIGITS), len(text)),
                   cjk_share=share(cjk_chars(text), len(text)))
    return signals


@dataclass
class Census:
    """What one walk over a page's body counts."""

    zone_chars: Counter = field(default_factory=Counter)  # the zones a piece of text lies in -> characters
    chars: int = 0                                        # characters of text so far
    links: int = 0                                        # <a> elements so far
    tags: Counter = field(default_factory=Counter)
    inputs: Counter = field(default_factory=Counter)      # input type -> count; "search": search boxes
    pieces: list = field(default_factory=list)            # the text, piece by piece
    paragraph_groups: Counter = field(default_factory=Counter)   # parent element -> characters of its <p> children
    group_starts: dict = field(default_factory=dict)      # parent element -> where its first <p> starts (characters)
    long_paragraphs: list = field(default_factory=list)   # characters of each long <p>
    long_in_group: Counter = field(default_factory=Counter)      # parent element -> its long <p> children
    linked: Counter = field(default_factory=Counter)      # heading/item -> how many, "<kind> linked" -> with a link
    links_out: Counter = field(default_factory=Counter)   # tel, mailto links
    headline_links: list = field(default_factory=list)    # characters of each link as long as a headline
    read_more: int = 0                                    # links that read "read more", "continue reading"...
    date_pieces: int = 0                                  # short pieces of text that hold a date or time
    teaser_cards: int = 0        # the most children of one element alike (tag, class) that hold a link and a teaser
    ancestors: list = field(default_factory=list)         # the element visited and those around it
    prose_chars: int = 0                                  # in long pieces of text outside links
    prose_credit: Counter = field(default_factory=Counter)   # element -> prose in it, up to PROSE_LEVELS down
    title: str = ""                                       # the first <h1>
    title_end: int | None = None                          # where the first <h1> ends (characters)
    after_title: list | None = None                       # the first pieces of text after the first <h1>
    rel_next: bool = False
    rel_author: bool = False

    def add_text(self, text: str, active: tuple[str, ...]) -> None:
        text = text.strip()
        if not text:
            return
        size = len(text)
        self.pieces.append(text)
        self.chars += size
        self.zone_chars[active] += size
        if size >= PROSE_PIECE_CHARS:
            if "link" not in active:
                self.prose_chars += size
                for ancestor in self.ancestors[-PROSE_LEVELS:]:
                    self.prose_credit[ancestor] += size
        elif size <= DATE_PIECE_CHARS and is_date_like(text):
            self.date_pieces += 1
        if self.after_title is not None and len(self.after_title) < AFTER_TITLE_PIECES:
            self.after_title.append(text)

    @property
    def zones(self) -> Counter:
        """zone -> characters of text inside it."""
        zones = Counter()
        for active, chars in self.zone_chars.items():
            for zone in active:
                zones[zone] += chars
        return zones

    def visit(self, element, active: tuple[str, ...]) -> None:
        """Counts an element and everything under it; `active`: the zones it lies in."""
        tag = element.tag
        self.tags[tag] += 1
        if tag == "a":
            self.count_link(element)
        elif tag == "input":
            self.count_input(element)
        zone = ZONES.get(tag)
        if zone is not None and zone not in active:
            active = (*active, zone)
        chars_before, links_before, pieces_before = self.chars, self.links, len(self.pieces)
        self.ancestors.append(element)
        if element.text:
            self.add_text(element.text, active)
        cards = Counter() if len(element) >= TEASER_CARDS_MIN else None
        for child in element:
            child_tag = child.tag
            if child_tag.__class__ is str and child_tag not in SKIPPED:
                if cards is None:
                    self.visit(child, active)
                else:
                    child_chars, child_links = self.chars, self.links
                    self.visit(child, active)
                    if self.links > child_links and self.chars - child_chars >= TEASER_CARD_CHARS:
                        cards[child_tag, child.get("class")] += 1
            if child.tail:
                self.add_text(child.tail, active)
        self.ancestors.pop()
        if cards:
            self.teaser_cards = max(self.teaser_cards, max(cards.values()))
        if tag in AFTER_VISIT:
            self.after_visit(element, self.chars - chars_before, chars_before, self.links > links_before, pieces_before)

    def after_visit(self, element, chars: int, start: int, has_link: bool, first_piece: int) -> None:
        """What links, paragraphs, the title and linked headings or items tell, once their text is known."""
        tag = element.tag
        if tag == "a":
            if HEADLINE_LINK_CHARS[0] <= chars <= HEADLINE_LINK_CHARS[1]:
                self.headline_links.append(chars)
            elif 0 < chars <= READ_MORE_CHARS and READ_MORE.search(" ".join(self.pieces[first_piece:])):
                self.read_more += 1
        elif tag == "p":
            parent = element.getparent()
            self.paragraph_groups[parent] += chars
            self.group_starts.setdefault(parent, start)
            if chars >= LONG_PARAGRAPH:
                self.long_paragraphs.append(chars)
                self.long_in_group[parent] += 1
        elif tag == "h1" and self.after_title is None:
            self.title = " ".join(self.pieces[first_piece:])
            self.title_end = self.chars
            self.after_title = []
        if tag in LINKED_BLOCKS:
            self.linked[LINKED_BLOCKS[tag]] += 1
            self.linked[LINKED_BLOCKS[tag] + " linked"] += has_link

    def count_link(self, element) -> None:
        self.links += 1
        rel, href = element.get("rel"), element.get("href") or ""
        if rel:
            self.rel_next = self.rel_next or rel == "next"
            self.rel_author = self.rel_author or rel == "author"
        if href.startswith(("tel:", "mailto:")):
            self.links_out[href[:3]] += 1

    def count_input(self, element) -> None:
        kind = (element.get("type") or "text").lower()
        self.inputs[kind] += 1
        if kind == "search" or (kind == "text" and (element.get("name") or "").lower() in SEARCH_NAMES):
            self.inputs["search box"] += 1


def schema_types(tree) -> list[str]:
    """Every schema.org type the page declares: JSON-LD @type (read from the script text, so that a script that is
    no valid JSON still tells) and microdata itemtype."""
    found = []
    for script in tree.iter("script"):
        if script.get("type") == "application/ld+json" and script.text:
            for value in JSON_LD_TYPE.findall(script.text):
                found += re.findall(r'"([^"]+)"', value)
    found += [value.rstrip("/").rsplit("/", 1)[-1] for value in tree.xpath("//@itemtype")]
    return [kind.rsplit("/", 1)[-1].rsplit(":", 1)[-1] for kind in found]


def text_after_title(census: Census, biggest_group: int) -> float:
    """How far after the first <h1> the biggest group of paragraphs starts, as a share of the text (1 when it
    comes before, or there is no <h1>): an article's text follows its title."""
    if census.title_end is None or not biggest_group:
        return 1.0
    parent = max(census.paragraph_groups, key=census.paragraph_groups.get)
    gap = census.group_starts[parent] - census.title_end
    return share(gap, census.chars) if gap >= 0 else 1.0


def page_title_words(tree) -> int:
    title = tree.find(".//title")
    return len((title.text_content() if title is not None else "").split())


def head_facts(tree) -> tuple[dict[str, str], str | None]:
    """meta property/name/itemprop (lower case) -> content (the first of each), and the canonical link."""
    values, canonical = {}, None
    for element in tree.iter("meta", "link"):
        if element.tag == "link":
            if canonical is None and (element.get("rel") or "").lower() == "canonical":
                canonical = element.get("href")
            continue
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").lower()
        values.setdefault(key, element.get("content") or "")
    return values, canonical


def url_features(url: str | None) -> dict[str, float]:
    """The shape of a URL's path: depth, a date or a long number in it, the words of its last segment, the
    conventions its words follow (/products/, /docs/, /forum/ ...)."""
    try:
        parts = urlsplit(url.strip()) if url else None
    except ValueError:
        parts = None
    if parts is None:
        return {"has_url": 0.0}
    path = parts.path.lower()
    segments = [segment for segment in path.split("/") if segment]
    words = {word for segment in segments for word in re.split(r"[-_.]", segment) if word}
    last = segments[-1] if segments else ""
    features = {"has_url": 1.0, "url_depth": float(len(segments)), "url_date": float(bool(DATE_PATH.search(path))),
                "url_id": float(bool(ID_SEGMENT.search(path))), "url_query": float(bool(parts.query)),
                "url_slug_words": float(len(re.split(r"[-_]", last.rsplit(".", 1)[0])) if last else 0),
                "url_trailing_slash": float(path.endswith("/")), "url_file": float("." in last)}
    features.update({f"url_{group}": float(bool(words & vocabulary)) for group, vocabulary in URL_GROUPS.items()})
    return features


CLASS_AND_ID = etree.XPath(".//@class | .//@id", smart_strings=False)


def class_words(names: list[str]) -> Counter:
    """group -> how many words of the class and id names belong to it ('comments' counts as 'comment')."""
    named = Counter()
    for word, n in Counter(" ".join(names).lower().replace("-", " ").replace("_", " ").split()).items():
        group = CLASS_GROUP_OF.get(word) or CLASS_GROUP_OF.get(word[:-1])
        if group:
            named[group] += n
    return named


@dataclass(frozen=True)
class Facts:
    """What the rules for `other` pages read besides the features (see pipeline.pagetype.other)."""

    words: int              # of the page's visible text
    prose_words: int        # of it in paragraphs of prose
    longest_prose_words: int   # of the longest paragraph (text dumps: run of lines)
    title: str              # HTML: <title> and the first <h1>; text: the first lines
    text: str               # the visible text
    password_fields: int    # HTML only (a text dump does not tell a password field from another)
    url: str | None

    @property
    def head(self) -> str:
        """The start of the text."""
        return self.text[:HEAD_CHARS]


def html_features(tree, url: str | None = None) -> tuple[dict[str, float], Facts]:
    """The page-type features of a parsed HTML page (before any pruning), and its facts; `url`: the page's URL when
    given with it (a WARC record's), else its canonical link or og:url is read."""
    census = Census()
    body = tree.find("body")
    if body is not None:
        census.visit(body, ())
    zones, tags, total = census.zones, census.tags, census.chars
    elements = sum(tags.values())
    features = {"chars_log": log_count(total), "elements_log": log_count(elements),
                "chars_per_element": share(total, elements)}
    features.update({f"{zone}_share": share(zones[zone], total) for zone in ZONE_NAMES})
    features.update({f"tag_{tag}_log": log_count(tags[tag]) for tag in TAGS_COUNTED})
    biggest_group = max(census.paragraph_groups.values(), default=0)
    features.update(
        links_per_kchar=share(1000 * tags["a"], total), chars_per_link=share(zones["link"], tags["a"]),
        long_paragraphs_log=log_count(len(census.long_paragraphs)),
        long_paragraph_share=share(sum(census.long_paragraphs), total),
        paragraph_group_share=share(biggest_group, total), paragraph_group_chars_log=log_count(biggest_group),
        group_long_paragraphs_log=log_count(max(census.long_in_group.values(), default=0)),
        groups_with_long_log=log_count(len(census.long_in_group)),
        headings_linked_share=share(census.linked["heading linked"], census.linked["heading"]),
        linked_headings_log=log_count(census.linked["heading linked"]),
        teaser_cards_log=log_count(census.teaser_cards), read_more_links_log=log_count(census.read_more),
        text_after_title_share=text_after_title(census, biggest_group),
        prose_share=share(census.prose_chars, total),
        main_block_share=share(max(census.prose_credit.values(), default=0), total),
        main_block_chars_log=log_count(max(census.prose_credit.values(), default=0)),
        headline_links_log=log_count(len(census.headline_links)),
        headline_links_share=share(sum(census.headline_links), total), date_pieces_log=log_count(census.date_pieces),
        title_words=float(len(census.title.split())), page_title_words=float(page_title_words(tree)),
        date_after_title=float(any(is_date_like(piece) for piece in census.after_title or ())),
        byline_after_title=float(any(BYLINE_LIKE.search(piece) for piece in census.after_title or ())),
        tel_links_log=log_count(census.links_out["tel"]), mailto_links_log=log_count(census.links_out["mai"]),
        items_linked_share=share(census.linked["item linked"], census.linked["item"]),
        password_inputs=float(census.inputs["password"]), search_inputs=float(min(census.inputs["search box"], 3)),
        text_inputs_log=log_count(census.inputs["text"] + census.inputs["email"]),
        hidden_inputs_log=log_count(census.inputs["hidden"]),
        rel_next=float(census.rel_next), rel_author=float(census.rel_author),
        questions_share=share(sum(1 for piece in census.pieces if piece.endswith("?")), len(census.pieces)))
    types = schema_types(tree)
    features.update({f"schema_{group}": float(any(pattern.match(kind) for kind in types))
                     for group, pattern in SCHEMA_GROUPS.items()})
    features["schema_types_log"] = log_count(len(types))
    scripts = " ".join(script.text or "" for script in tree.iter("script") if script.get("type") == "application/ld+json")
    features.update(schema_date_published=float('"datePublished"' in scripts), schema_author=float('"author"' in scripts))
    meta, canonical = head_facts(tree)
    og_type = meta.get("og:type", "").lower().strip()
    features.update({f"og_{kind}": float(og_type.startswith(kind)) for kind in OG_TYPES})
    features.update(og_type_other=float(bool(og_type) and not og_type.startswith(OG_TYPES)),
                    meta_published=float(bool(meta.get("article:published_time") or meta.get("datepublished"))),
                    meta_author=float(bool(meta.get("author") or meta.get("article:author"))),
                    meta_price=float(any(key in meta for key in ("product:price:amount", "og:price:amount", "price"))))
    named = class_words(CLASS_AND_ID(body) if body is not None else [])
    features.update({f"class_{group}_log": log_count(named[group]) for group in CLASS_GROUPS})
    url = url or canonical or meta.get("og:url")
    features.update(url_features(url))
    text = "\n".join(census.pieces)
    features.update(word_signals(text, len(census.pieces)))
    title = tree.find(".//title")
    facts = Facts(words=len(text.split()) + cjk_chars(text) // 2, prose_words=sum(census.long_paragraphs) // CHARS_PER_WORD,
                  longest_prose_words=max(census.long_paragraphs, default=0) // CHARS_PER_WORD,
                  title=" ".join([title.text_content() if title is not None else "", census.title]).strip(),
                  text=text, password_fields=census.inputs["password"], url=url)
    return features, facts


LYNX_BUTTON = "(BUTTON)"
LYNX_FIELD = "________"    # lynx draws a text input as a row of underscores
PROSE_WORDS = 12           # a line (or block of lines) with this many words reads as prose
LONG_BLOCK_WORDS = 40
SHORT_LINE_WORDS = 3
SUBHEADING_WORDS = 10
STAMP_LINE_WORDS = 8       # a date or byline line is short
TITLE_WORDS = (3, 15)      # a teaser's title ...
SUMMARY_WORDS = (12, 60)   # ... and the summary below it
TITLE_LINES = 12          # a dump's first lines: its title is among them, after the menus of a short page
HEADER_LINES = 8           # lines above the first long block where an article names its date and author
INDENTED = 6               # spaces: lynx indents nested lists and quotes this far
WRAPPED_MIN, WRAPPED_MAX = 60, 80  # lynx at 80 columns wraps paragraphs into lines this long

TEXT_FEATURES = (
    "words_log", "lines_log", "words_per_line", "prose_line_share", "long_block_share", "long_blocks_log",
    "longest_block_words_log", "longest_prose_run_share", "prose_concentration", "prose_block_words_log",
    "first_long_block_position", "short_line_share",
    "bullet_line_share", "indented_line_share", "wrapped_line_share", "repeated_line_share", "image_lines_log",
    "buttons_log", "fields_log", "code_signs_share", "spaced_columns_share", "questions_share", "header_line",
    "date_lines_log", "title_lines_log", "teasers_log", "date_before_prose", "byline_before_prose", *WORD_SIGNALS,
)


@dataclass(slots=True)
class Block:
    first_line: int     # index into the page's non-blank lines
    words: int = 0
    closed_by_stop: bool = False   # its last line ends like a sentence


class Blocks:
    """Lines joined into blocks as they come (runs of lines at one indentation; a bullet or blank line starts a new
    one); the longest run of prose blocks, one short block (a subheading) between two of them allowed."""

    def __init__(self):
        self.done: list[Block] = []
        self.current: Block | None = None
        self.indent = -1
        self.run = self.best_run = self.gaps = 0
        self.prose_blocks = self.prose_block_words = 0

    def add(self, index: int, line: str, words: int, indent: int, bullet: bool) -> None:
        if bullet or indent != self.indent:
            self.close()
        if self.current is None:
            self.current = Block(index)
        self.current.words += words
        self.current.closed_by_stop = line[-1] in ".!?。"
        self.indent = indent

    def close(self) -> None:
        if self.current is not None:
            self.done.append(self.current)
            n = self.current.words
            if n >= PROSE_WORDS:
                self.run, self.gaps = self.run + n, 0
                self.prose_blocks += 1
                self.prose_block_words += n
            elif n <= SUBHEADING_WORDS and not self.gaps:
                self.gaps = 1
            else:
                self.run = 0
            self.best_run = max(self.best_run, self.run)
        self.current, self.indent = None, -1

    def teasers(self) -> int:
        """Title-and-summary pairs: a short block without a stop, then a block of a sentence or two."""
        return sum(1 for title, summary in zip(self.done, self.done[1:])
                   if TITLE_WORDS[0] <= title.words <= TITLE_WORDS[1] and not title.closed_by_stop
                   and SUMMARY_WORDS[0] <= summary.words <= SUMMARY_WORDS[1])


def text_features(lines: list[Line]) -> tuple[dict[str, float], Facts]:
    """The page-type features of a text dump (lynx, lynx at 80 columns, inscriptis...) from its lines as the extract
    stage reads them (pipeline.extract.text: layout kept, bullets marked), and its facts."""
    blocks = Blocks()
    texts = [line.text for line in lines]
    joined = "\n".join(texts)
    cjk = not joined.isascii() and CJK.search(joined) is not None
    stamps: list[int] = []    # indices of short lines that hold a date or time
    total_words = prose_words = short = bullets = indented = wrapped = images = questions = columns = titles = 0
    for index, line in enumerate(lines):
        text = line.text
        words = len(text.split()) + (len(CJK.findall(text)) // 2 if cjk else 0)
        if line.blank_before:
            blocks.close()
        blocks.add(index, text, words, line.indent, line.bullet)
        if words <= STAMP_LINE_WORDS and is_date_like(text):
            stamps.append(index)
        total_words += words
        prose_words += words if words >= PROSE_WORDS else 0
        short += words <= SHORT_LINE_WORDS
        bullets += line.bullet
        indented += line.indent >= INDENTED
        wrapped += WRAPPED_MIN <= line.indent + len(text) <= WRAPPED_MAX
        images += text[0] == "[" and text[-1] == "]"
        questions += text[-1] == "?"
        columns += "   " in text
        titles += TITLE_WORDS[0] <= words <= TITLE_WORDS[1] and text[-1] not in ".!?:。"
    blocks.close()
    n = len(texts)
    block_words = [block.words for block in blocks.done]
    long_blocks = [block for block in blocks.done if block.words >= LONG_BLOCK_WORDS]
    first_long = long_blocks[0].first_line if long_blocks else n
    header = texts[max(0, first_long - HEADER_LINES):first_long]
    facts = Facts(words=total_words, prose_words=blocks.prose_block_words, title="\n".join(texts[:TITLE_LINES]),
                  text=joined, password_fields=0, url=None, longest_prose_words=max(block_words, default=0))
    return {
        "words_log": log_count(total_words), "lines_log": log_count(n), "words_per_line": share(total_words, n),
        "prose_line_share": share(prose_words, total_words),
        "long_block_share": share(sum(block.words for block in long_blocks), total_words),
        "long_blocks_log": log_count(len(long_blocks)), "longest_block_words_log": log_count(max(block_words, default=0)),
        "longest_prose_run_share": share(blocks.best_run, total_words),
        "prose_concentration": share(blocks.best_run, blocks.prose_block_words),
        "prose_block_words_log": log_count(share(blocks.prose_block_words, blocks.prose_blocks)),
        "first_long_block_position": share(first_long, n),
        "short_line_share": share(short, n), "bullet_line_share": share(bullets, n),
        "indented_line_share": share(indented, n), "wrapped_line_share": share(wrapped, n),
        "repeated_line_share": share(sum(c for c in Counter(texts).values() if c > 1), n),
        "image_lines_log": log_count(images), "buttons_log": log_count(joined.count(LYNX_BUTTON)),
        "fields_log": log_count(joined.count(LYNX_FIELD)),
        "code_signs_share": share(sum(joined.count(sign) for sign in CODE_SIGNS), len(joined)),
        "spaced_columns_share": share(columns, n),
        "questions_share": share(questions, n), "header_line": float(bool(texts) and texts[0].startswith("#")),
        "date_lines_log": log_count(len(stamps)), "title_lines_log": log_count(titles), "teasers_log": log_count(blocks.teasers()),
        "date_before_prose": float(any(first_long - HEADER_LINES <= i < first_long for i in stamps)),
        "byline_before_prose": float(any(len(line.split()) <= STAMP_LINE_WORDS and BYLINE_LIKE.search(line)
                                         for line in header)),
        **word_signals(joined, n),
    }, facts
