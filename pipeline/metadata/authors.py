"""Authors: the people a source names, split, cleaned of labels, roles and junk; the `authors` model picks the source.

Every source of author names (JSON-LD, meta tags, an author link, trafilatura's guess, a dump's byline
lines) gives a list of names once cleaned: people only, no outlet, agency code, photo credit, label
('Text:', 'Текст', '作者：') or profile URL, names in their natural case ('MEG KINNARD' -> 'Meg Kinnard').
The distinct lists are the options; the model scores them by their sources and their shape.
"""
from __future__ import annotations

import re

from pipeline.metadata.headline import names_site, site_names
from pipeline.metadata.outlet import folded_outlet_names
from pipeline.metadata.ranking import Option, best_option, line_distance
from pipeline.metadata.textdump import is_person
from pipeline.page import Candidate, Page
from pipeline.textutil import MONTH, WEEKDAY, fold, undoubled

SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|\||/|·|•|\bund\b|\bet\b|\by\b)\s*", re.I)
BY = re.compile(r"^\W*(?:(?:by|written by|words by|posted by|article by|story by|von|par|por|text|texte|texto|testo|"
                r"tekst|текст|автор|autor|author|authors|auteur|作者|文|記者|撰文|撰稿)\b\s*[:：]?\s*\W*|(?:作者|文|記者)\s*[:：]?\s*\W*)", re.I)
JUNK = re.compile(
    r"^(?:email the author|view (?:all )?(?:posts|articles|author archive)|follow(?: on \w+)?|more by.*|staff|"
    r"staff writer|contributor|editor|reporter|correspondent|admin|administrator|guest|anonymous|unknown|"
    r"(?:the )?authors?|(?:last )?updated\b.*|published\b.*|posted\b.*|"
    rf"by|username|user|the|a|an|{MONTH}|{WEEKDAY}|\W*|.*\d.*|.*@.*|https?:.*|www\..*)$",
    re.I)
MEDIA_CREDIT = re.compile(r"\b(?:photo(?:graph)?s?|image|images|getty|shutterstock|illustration|video|foto|fotos|bild|"
                          r"reuters|afp|ap photo|istock|courtesy)\b", re.I)
ROLE = re.compile(r",?\s*(?:\b(?:is an?|is the)\b.*"
                  r"|\b(?:ap|associated press|upi|afp)(?:\s+[\w-]+){0,3}?\s+(?:writers?|correspondents?)\b.*"  # a wire beat
                  r"|\bwriters?\b.*|(?:staff writer|senior (?:writer|editor|reporter)|contributing "
                  r"(?:writer|editor)|special correspondent|correspondent|reporter|editor|columnist|contributor|"
                  r"photographer|founder|co-founder|ceo|editor-in-chief|(?:lead |senior )?reviewer|expert)\b.*)$", re.I)
GLUED_LABEL = re.compile(r"(?<=[a-z])(?=(?:Published|Updated|Posted|Reviewed|Medically)(?:\b|[A-Z]))"   # 'Korin MillerPublished'
                         r"|(?:(?<=Published)|(?<=Updated)|(?<=Reviewed)|(?<=Posted))(?=[A-Z])")   # 'UpdatedJanuary 5'

TRAILING_DATE = re.compile(rf"(?:^|\s+)(?:(?:(?:last )?updated|published|posted|on)\b.*|(?:{WEEKDAY}|{MONTH})(?:\s+\d.*)?)$", re.I)
LOWERCASE_TAIL = re.compile(r"(?:\s+[a-zà-ÿ][\w'’-]*)+$")   # 'Aleš Vávra před' ('ago'), 'Authority control'
PARTICLES = {"de", "da", "del", "der", "van", "von", "la", "le", "bin", "al", "y", "di", "du", "dos"}
URL = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$", re.I)
PROFILE_URL = re.compile(r"/(?:author|authors|profile|people|staff|editors|writers|contributors?)/([a-z]+(?:-[a-z]+){1,3})/?$")
COMPANY = re.compile(r"\b(?:Inc|LLC|Ltd|GmbH|Corp)\b\.?", re.I)
AGENCY_CODE = re.compile(r"^[A-Z]{2,5}$")
MAX_NAME_WORDS = 5
MODEL = "authors"
ORIGIN_KINDS = (("JSON-LD", "jsonld"), ("meta parsely", "meta_parsely"), ("meta ", "meta"), ("author link", "link"),
                ("'By' element", "by_element"), ("author element", "author_class"), ("trafilatura", "trafilatura"),
                ("'By' line", "wide_by"), ("name line", "wide_name"), ("portrait line", "portrait"))
SOURCE_KINDS = ("jsonld", "meta_parsely", "meta", "link", "by_element", "author_class", "trafilatura", "byline",
                "byline_above", "beside_date", "name_alone", "wide_by", "wide_name", "portrait", "other")
FEATURES = (*(f"from_{kind}" for kind in SOURCE_KINDS), "weight", "weight_rank", "sources", "raw_capitals", "names",
            "min_words", "max_words", "person_shaped", "in_body", "names_site", "names_page_outlet", "in_other_options",
            "options", "text", "nobody", "distance")
NOBODY_PRIOR = 0.0   # the hand-written ranking takes any named person over nobody


def without_trailing_outlet(name: str, outlets: set[str]) -> str:
    """'Joe Davidson Washington Post' -> 'Joe Davidson': a credit glued after the name."""
    words = name.split()
    for k in range(2, len(words) - 1):
        tail = fold(" ".join(words[k:]))
        if tail in outlets or f"the {tail}" in outlets:
            return " ".join(words[:k])
    return name


def clean_name(part: str) -> str:
    name = BY.sub("", part).strip(" .,:-–—()[]")
    if len(name.split()) > 2:
        name = TRAILING_DATE.sub("", name).strip(" .,:-–—")
    tail = LOWERCASE_TAIL.search(name)
    if tail and not set(tail.group(0).split()) <= PARTICLES:
        name = name[:tail.start()] if len(name[:tail.start()].split()) >= 2 else ""
    return undoubled(name)


def natural_case(name: str) -> str:
    """'MEG KINNARD' -> 'Meg Kinnard': a name set in capitals (a style) gets the case names are written in."""
    letters = [ch for ch in name if ch.isalpha()]
    if len(letters) < 4 or not all(ch.isupper() for ch in letters if ch.lower() != ch.upper()):
        return name
    return " ".join(word if len(word.strip(".")) <= 1 else word.title() for word in name.split())


def name_from_profile_url(url: str) -> str:
    """'https://site/profile/julia-carrie-wong' -> 'Julia Carrie Wong'; a letter alone is an initial: 'Laura E. Adkins'."""
    words = PROFILE_URL.search(url.strip()).group(1).replace("-", " ").title().split()
    return " ".join(f"{word}." if len(word) == 1 else word for word in words)


def name_key(name: str) -> str:
    """A name as options are told apart: folded, its periods dropped ('Dr. Ann Lee' and 'Dr Ann Lee' are one)."""
    return " ".join(fold(name).replace(".", " ").split())


def dots(names: list[str]) -> int:
    """How many periods the names are printed with (initials, titles): the more, the closer to the page's own."""
    return sum(name.count(".") for name in names)


def clean_names(raw: str, outlets: set[str]) -> list[str]:
    """Person names in a byline value; roles, dates, outlets and agency codes dropped."""
    if URL.match(raw.split(",")[0]):
        return [name_from_profile_url(url) for url in raw.split(",") if PROFILE_URL.search(url.strip())]
    names: list[str] = []
    for part in SPLIT.split(ROLE.sub("", BY.sub("", GLUED_LABEL.sub(" ", raw.strip())))):
        name = without_trailing_outlet(clean_name(part), outlets)
        if (not name or JUNK.match(name) or len(name.split()) > MAX_NAME_WORDS or fold(name) in outlets
                or AGENCY_CODE.match(name) or COMPANY.search(name) or not re.search(r"\w", name)
                or MEDIA_CREDIT.search(name)):
            continue
        name = natural_case(name)
        if fold(name) not in map(fold, names):
            names.append(name)
    return names


def page_outlet_names(page: Page) -> set[str]:
    """Folded names the page gives its outlet (site name, logo, copyright holder): a company's, or on a personal
    blog its writer's, so they are a feature of an option, never a reason to drop a name."""
    return {fold(str(c.value)) for c in page.candidates_for("outlet")}


def source_kind(origin: str) -> str:
    for prefix, kind in ORIGIN_KINDS:
        if origin.startswith(prefix):
            return kind
    return "byline_above" if "above the headline" in origin else "beside_date" if "beside the date" in origin else \
        "name_alone" if "a name alone" in origin else "byline" if origin.startswith("byline line") else "other"


def author_options(page: Page) -> list[Option]:
    """Every distinct list of names a source gives (a source's candidates of one origin taken together), and the
    option that none of them is right (the page names no author, or names only things that are no people)."""
    outlets = folded_outlet_names().keys()
    by_origin: dict[str, list[Candidate]] = {}
    for c in page.candidates_for("authors"):
        by_origin.setdefault(c.origin, []).append(c)
    found: dict[frozenset, Option] = {}
    lines: dict[frozenset, list] = {}
    for origin, group in sorted(by_origin.items(), key=lambda item: -item[1][0].weight):
        names: list[str] = []
        for c in group:
            names += [n for n in clean_names(str(c.value), outlets) if fold(n) not in map(fold, names)]
        if not names:
            continue
        key = frozenset(map(name_key, names))
        option = found.setdefault(key, Option(names, f"{origin}: {str(group[0].value)[:60]!r}",
                                              {"weight": group[0].weight}, prior=group[0].weight))
        if dots(names) > dots(option.value):   # the same people, as printed: 'Laura E. Adkins', not 'Laura E Adkins'
            option.value = names
        option.features[f"from_{source_kind(origin)}"] = 1.0
        option.features["sources"] = option.features.get("sources", 0.0) + 1
        lines[key] = lines.get(key, []) + [c.line for c in group]
        option.features["raw_capitals"] = max(option.features.get("raw_capitals", 0.0),
                                               float(any(str(c.value).isupper() for c in group)))
    options = list(found.values())
    if not options:
        return []
    body = "\n".join(line.text for line in page.kept_lines())
    keys = list(found)
    ranked = sorted(range(len(options)), key=lambda i: -options[i].features["weight"])
    sites = site_names(page)
    page_outlets = page_outlet_names(page)
    for rank, i in enumerate(ranked):
        option, names = options[i], options[i].value
        words = [len(name.split()) for name in names]
        option.features.update(
            weight_rank=float(rank), names=float(len(names)), min_words=float(min(words)), max_words=float(max(words)),
            person_shaped=sum(map(is_person, names)) / len(names),
            in_body=sum(name in body for name in names) / len(names),
            names_site=float(any(names_site(name, sites) for name in names)),
            names_page_outlet=sum(fold(name) in page_outlets for name in names) / len(names),
            in_other_options=float(sum(1 for other in keys if other != keys[i] and keys[i] & other)),
            distance=line_distance(page, lines[keys[i]]),
            options=float(len(options)), text=float(page.format == "text"))
    nobody = Option([], "no source names a person the model trusts", {
        "nobody": 1.0, "weight": max(o.features["weight"] for o in options), "options": float(len(options)),
        "person_shaped": max(o.features["person_shaped"] for o in options), "text": float(page.format == "text")},
        prior=NOBODY_PRIOR)
    return options + [nobody]


def choose_authors(page: Page) -> None:
    options = author_options(page)
    page.options["authors"] = options
    chosen = best_option(page, "authors", MODEL, options, FEATURES)
    if chosen is None:
        candidates = page.candidates_for("authors")
        page.values["authors"] = []
        page.origins["authors"] = ("no candidate named a person: " + ", ".join(sorted({c.origin for c in candidates}))
                                   if candidates else "no author named")
        return
    option, score = chosen
    page.values["authors"] = list(option.value)
    page.origins["authors"] = f"{option.origin} (model {MODEL} {score:.2f})"
