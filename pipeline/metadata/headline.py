"""Headline of an HTML page: the title its sources agree on, chosen by the `headline_html` model.

HTML pages offer several titles (JSON-LD headline, og:title, <title>, <h1>, ...; the first other heading
and the URL's slug as fallbacks). Each is an option as given and without the parts that name the site
("Story | Site" -> "Story"). An option's features say which sources give it (as given or cut), how
much the other sources agree with it (a "Story | Site" <title> backs an <h1> "Story"), its shape (cut
with "...", a prefix of a longer option, capitals, separators left) and how it sits with the body and
the URL. The model scores each option; the best is the headline. Text dumps: see pipeline.metadata.title.
"""
from __future__ import annotations

import re
from urllib.parse import unquote, urlparse

from pipeline.evaluate import normalise
from pipeline.metadata.date import find_date
from pipeline.metadata.ranking import Option, best_option
from pipeline.page import Candidate, Page
from pipeline.textutil import char_classes, fold

MODEL = "headline_html"
SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::?|»|«|·|•|/|_|~)\s+|\s*[|｜_·•：]\s*|(?<!\d):(?!\d)\s*")
SITE_PART_MAX_WORDS = 6
SECOND_LEVEL = {"co", "com", "org", "net", "ac", "gov", "ne", "or", "go", "edu"}
MIN_SITE_LABEL = 4
TRUSTED_OUTLET = 2.0  # outlet candidates at least this trusted name the site (not trafilatura's guess)
ELLIPSIS = re.compile(r"(?:\.\.\.|…)\s*$")
WORD = re.compile(r"\w+")
BODY_SAMPLE_WORDS = 300
SLUG_NOISE = re.compile(r"\.\w{2,5}$|[-_]?\d{4,}$")    # '.html', a trailing article number
SLUG_SEPARATOR = re.compile(r"[-_+]+")
SLUG_MIN_WORDS = 3
MAX_CUT_SEPARATORS = 3
PART_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|»|«|·|•|~)\s+|\s*[|｜]\s*")   # between a title's parts (a colon is in many titles)
SOURCE_KINDS = ("jsonld", "og", "twitter", "meta", "title", "h1", "heading", "trafilatura", "url")
FEATURES = (*(f"given_{kind}" for kind in SOURCE_KINDS), *(f"cut_{kind}" for kind in SOURCE_KINDS),
            "weight", "support", "kinds_agreeing", "words", "chars", "separators", "ellipsis", "prefix_of_longer",
            "completes_cut", "site_part", "upper_share", "body_overlap", "slug_overlap", "h1s", "options",
            "weight_rank", "cut_site", "cut_date", "cut_parts")


def squash(text: str) -> str:
    return re.sub(r"\W", "", fold(text))


def squashed_names(names) -> frozenset[str]:
    """Site names as names_site compares them."""
    return frozenset(filter(None, map(squash, names)))


def names_site(part: str, site_names: frozenset[str]) -> bool:
    """The title part is the site's name ('eHow', 'The New Republic', 'Engadget'); site_names squashed."""
    squashed = squash(part)
    if not squashed or len(part.split()) > SITE_PART_MAX_WORDS:
        return False
    return any(squashed == n or (len(n) >= MIN_SITE_LABEL and n in squashed)
               or (len(squashed) >= MIN_SITE_LABEL + 2 and squashed in n) for n in site_names)


def title_parts(title: str) -> list[str]:
    return [part for part in SEPARATOR.split(title)]


def strip_site_name(title: str, site_names: frozenset[str]) -> str:
    """Drop leading and trailing parts that name the site ('Story | eHow' -> 'Story'); site_names squashed."""
    seps = [m.span() for m in SEPARATOR.finditer(title)]
    parts = list(zip([0] + [end for _, end in seps], [start for start, _ in seps] + [len(title)]))
    while len(parts) > 1 and names_site(title[slice(*parts[-1])], site_names):
        parts.pop()
    while len(parts) > 1 and names_site(title[slice(*parts[0])], site_names):
        parts.pop(0)
    return title[parts[0][0]:parts[-1][1]].strip()


def title_variants(title: str, site_names: frozenset[str]) -> list[tuple[str, dict[str, float]]]:
    """The title as given, then what is left of it without: the parts naming the site, a date before or after it,
    the parts before or after one of its separators (a few parts at most): (value, how it was cut)."""
    found = {normalise(title): (title, {})}

    def add(value: str, how: dict[str, float]) -> None:
        value = value.strip(" -–—|:·•")
        if value and normalise(value) not in found:
            found[normalise(value)] = (value, how)
    add(strip_site_name(title, site_names), {"cut_site": 1.0})
    dated = find_date(title)
    if dated and (dated.start() == 0 or dated.end() == len(title)):
        add(title[:dated.start()] + title[dated.end():], {"cut_date": 1.0})
    seps = [m.span() for m in PART_SEPARATOR.finditer(title)]
    if len(seps) <= MAX_CUT_SEPARATORS:
        for start, end in seps:
            add(title[:start], {"cut_parts": start / len(title)})
            add(title[end:], {"cut_parts": (len(title) - end) / len(title)})
    return list(found.values())


def site_names(page: Page) -> frozenset[str]:
    """Names the site goes by (squashed): outlet candidates and the main label of its host name."""
    names = {fold(str(c.value)) for c in page.candidates_for("outlet")
             if c.weight >= TRUSTED_OUTLET and len(str(c.value).split()) <= SITE_PART_MAX_WORDS}
    labels = (urlparse(page.url or "").hostname or "").split(".")
    if len(labels) >= 2:
        main = labels[-3] if len(labels) >= 3 and labels[-2] in SECOND_LEVEL else labels[-2]
        names.add(main)
    return squashed_names(names)


def agrees(other: str, value: str) -> bool:
    """`other` says `value`: equal, or `value` is its leading or trailing run of title parts."""
    if fold(other) == fold(value):
        return True
    parts = SEPARATOR.split(other)
    target = squash(value)
    return any(squash(" ".join(parts[:k])) == target or squash(" ".join(parts[k:])) == target
               for k in range(1, len(parts)))


def source_kind(candidate: Candidate) -> str:
    """Which kind of source a title candidate is (see SOURCE_KINDS)."""
    origin = candidate.origin
    if origin.startswith("JSON-LD"):
        return "jsonld"
    if origin == "meta og:title":
        return "og"
    if origin == "meta twitter:title":
        return "twitter"
    if origin.startswith("meta "):
        return "meta"
    return {"<title>": "title", "<h1>": "h1", "first heading": "heading", "trafilatura title": "trafilatura",
            "the URL's slug": "url"}.get(origin, "meta")


def slug_title(url: str | None) -> str | None:
    """The words of the URL's last path segment ('/2024/05/city-opens-new-library.html' -> 'City opens new
    library'), when it holds a few words."""
    segments = [s for s in unquote(urlparse(url or "").path).split("/") if s]
    if not segments:
        return None
    words = SLUG_SEPARATOR.split(SLUG_NOISE.sub("", segments[-1]))
    words = [w for w in words if w]
    if len(words) < SLUG_MIN_WORDS or not all(any(ch.isalpha() for ch in w) or w.isdigit() for w in words):
        return None
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def add_slug_candidate(page: Page) -> None:
    page.add("headline", slug_title(page.url), "the URL's slug", 0.2)


def word_set(text: str) -> set[str]:
    return set(WORD.findall(fold(text)))


def share_in(words: set[str], other: set[str]) -> float:
    return len(words & other) / len(words) if words else 0.0


def upper_share(text: str) -> float:
    """Share of capitals among the cased characters."""
    classes, others = char_classes(text)
    upper = classes.count(b"u") + sum(map(str.isupper, others))
    cased = upper + classes.count(b"l") + sum(map(str.islower, others))
    return upper / cased if cased else 0.0


def title_case_share(text: str) -> float:
    """Share of the words of four letters or more that start with a capital ('Council Votes To Rebuild' -> 1)."""
    words = [word for word in text.split() if len(word) >= 4 and word[0].isalpha()]
    return sum(word[0].isupper() for word in words) / len(words) if words else 0.0


def headline_options(page: Page) -> list[Option]:
    """Every distinct title the candidates give, as given and without the site's name, with its features."""
    candidates = [c for c in page.candidates_for("headline") if " ".join(str(c.value).split())]
    names = site_names(page)
    found: dict[str, Option] = {}
    for c in sorted(candidates, key=lambda c: -c.weight):
        given = " ".join(str(c.value).split())
        for value, how in title_variants(given, names):
            option = found.setdefault(normalise(value), Option(value, c.origin + (" (cut)" if how else "")))
            option.features[f"{'cut' if how else 'given'}_{source_kind(c)}"] = 1.0
            for cut, share in how.items():
                option.features[cut] = max(option.features.get(cut, 0.0), share)
            option.features["weight"] = max(option.features.get("weight", 0.0), c.weight)
    body = " ".join(line.text for line in page.lines).split()[:BODY_SAMPLE_WORDS]   # every block: rules run later
    body_words, slug_words = word_set(" ".join(body)), word_set(slug_title(page.url) or "")
    # the record's headline names no site: a title with the site's name before or after it gives way to the
    # same title without it (title_variants made that option too)
    found = {key: option for key, option in found.items() if normalise(strip_site_name(str(option.value), names)) == key}
    # nor is it cut short with '...' when the page gives it whole
    found = {key: option for key, option in found.items()
             if not (ELLIPSIS.search(key) and any(other != key and other.startswith(ELLIPSIS.sub("", key).rstrip())
                                                  for other in found))}
    options = list(found.values())
    keys = list(found)
    by_weight = sorted(range(len(options)), key=lambda i: -options[i].features["weight"])
    for rank, i in enumerate(by_weight):
        option, key = options[i], keys[i]
        value = str(option.value)
        backers: dict[str, float] = {}
        for c in candidates:
            if agrees(" ".join(str(c.value).split()), value):
                backers[source_kind(c)] = max(backers.get(source_kind(c), 0.0), c.weight)
        words = word_set(value)
        option.features.update(
            support=sum(backers.values()), kinds_agreeing=len(backers), words=len(value.split()), chars=len(value),
            separators=len(SEPARATOR.findall(value)), ellipsis=float(bool(ELLIPSIS.search(value))),
            prefix_of_longer=float(any(other != key and other.startswith(key) for other in keys)),
            completes_cut=float(any(other != key and ELLIPSIS.search(other) and key.startswith(
                ELLIPSIS.sub("", other).rstrip()) for other in keys)),
            site_part=float(any(names_site(part, names) for part in title_parts(value))),
            upper_share=upper_share(value), body_overlap=share_in(words, body_words),
            slug_overlap=share_in(slug_words, words) if slug_words else -1.0,
            h1s=float(sum(1 for c in candidates if c.origin == "<h1>")), options=float(len(options)),
            weight_rank=float(rank))
        option.prior = option.features["support"] + option.features["weight"] / 100
    return options


def choose_headline(page: Page) -> None:
    """HTML: the option the model scores best. Text dumps: the title line chose it (pipeline.metadata.title);
    without one, the most trusted candidate (the body's first sentence)."""
    if page.format != "html":
        candidates = page.candidates_for("headline")
        if "headline" not in page.values and candidates:
            best = max(candidates, key=lambda c: c.weight)
            page.values["headline"] = " ".join(str(best.value).split())
            page.origins["headline"] = best.origin
        return
    add_slug_candidate(page)
    page.options["headline"] = headline_options(page)
    chosen = best_option(page, "headline", MODEL, page.options["headline"], FEATURES)
    if chosen:
        option, score = chosen
        page.values["headline"] = str(option.value)
        page.origins["headline"] = f"{option.origin} (model {MODEL} {score:.2f})"
