"""Metadata candidates from a text dump, which has no meta tags.

- the byline block: short lines under the headline (and, trusted less, just above it), nearest
  trusted most: "By ..." lines, the date with its time, names beside a date or alone, outlet names;
- agency credits: a dateline "SEOUL (Yonhap) --", a trailing "(AP)" or "-- Reuters";
- the site's name: the link header lynx prints first ("#Site » Feed ...", "#Site"), a "<Site> logo"
  line, a well-known outlet's name alone on a line, the copyright footer ("© 2017 Site Name").
A date line above the headline that starts with a weekday is the site's header clock, not a date.
"""
from __future__ import annotations

import re
from functools import cache
from itertools import islice, takewhile

from pipeline.metadata.date import DATE_IN_TEXT, TIME_IN_TEXT, date_in_text, find_date, has_date
from pipeline.metadata.outlet import folded_outlet_names, known_outlet_names
from pipeline.page import Page
from pipeline.textutil import DIGIT, WEEKDAY, fold, undoubled, word_count

LINES_AFTER = 25
LINES_BEFORE = 15
AFTER_WEIGHT = 4.0          # a byline line right under the headline
BEFORE_WEIGHT = 3.0         # ... and right above it
IN_BODY_COST = 1.5          # a short line below the body's first paragraph
DISTANCE_COST = 0.05        # a byline line further from the headline is trusted a little less
TITLE_LINE_DATE_WEIGHT = 3.9  # a date line the locator took for the title still dates the story
BYLINE_MAX_WORDS = 25       # longer lines are the body's paragraphs
WIDE_ABOVE = 40             # the wide search for dates and names: from this many lines above the headline ...
WIDE_BELOW = 10             # ... to this many below the article
WIDE_WEIGHT = 0.5
BY_LINE = re.compile(r"(?:^|\s|(?<=[a-z])(?=[WER]))(?:(?:[Ww]ritten|[Ee]dited|[Rr]eported|[Ss]tory)\s+)?(?:[Bb]y\s*)?[Bb]y(?::?\s+|(?=[A-Z][a-z]))(.{2,300})$")
MEDIA_CREDIT = re.compile(r"^\W*(?:video|photo|photograph|image|illustration|graphic)s?\b|\b(?:shot|filmed|photographed|illustrated|produced)(?:/\w+)? by\b", re.I)
BYLINE_LABEL = re.compile(r"^(?:by|(?:written|posted) by|authors?)\s*:?$", re.I)
AUTHOR_LABEL = re.compile(r"^\W{0,3}(?:authors?|written by|posted by|writer)\s*:\s*(?=\S)", re.I)   # 'Author: Jane Roe'
NAME_WORD = r"[A-ZÀ-Þ][\w'’.-]*"
PARTICLE = r"(?:de|da|del|van|von|der|la|le|bin|al)"
PERSON = re.compile(rf"^{NAME_WORD}(?:\s+(?:{NAME_WORD}|{PARTICLE})){{1,3}}$")
UI_WORDS = {"home", "news", "share", "follow", "sign", "log", "more", "related", "most", "popular", "top", "latest",
            "stories", "video", "videos", "comments", "comment", "advertisement", "menu", "search", "subscribe",
            "newsletter", "privacy", "terms", "contact", "read", "next", "previous", "back", "about", "view", "edit",
            "print", "email", "tweet", "posted", "updated", "published", "photo", "image", "images", "getty",
            "the", "our", "your", "this", "all", "minute", "min", "ago", "sponsored", "loading", "close", "date",
            "last", "in", "on"}
ROLE_WORDS = {"senior", "junior", "chief", "head", "editor", "editors", "writer", "reporter", "journalist",
              "correspondent", "contributor", "columnist", "analyst", "director", "manager", "founder", "co-founder",
              "expert", "specialist", "consultant", "producer", "president", "officer"}   # a role after the name
NOT_NAME_TEXT = re.compile(r"\S+@\S+\.\w+|@\w+|https?://\S+|\(.*?\)")
NAME_RUN = re.compile(rf"^(?:{NAME_WORD}|{PARTICLE}|and|&|,|\s)+")
TRAILING_PARTICLES = re.compile(rf"(?:\s+(?:{PARTICLE}|and)|\s*[,&])+$")
STAFF_NAME = re.compile(   # a newsroom's group byline: 'Resy Staff', 'The Upwork Team', 'News Desk', 'Team Acme'
    r"^(?:The\s+|Our\s+)?(?:[A-Z][\w&'’.-]*\s+){0,3}(?:[Ss]taff|[Tt]eam|[Dd]esk|[Ee]ditors|[Nn]ewsroom)$|^Team\s+[A-Z][\w.-]*$")
NOT_A_NEWSROOM = {"join", "meet", "contact", "ask", "help", "support", "customer", "sales", "service", "hire"}   # 'Join
# Our Team', 'Contact Sales Team': a link to a page about the staff, not a byline
DESK = re.compile(r"[Dd]esk$")   # 'News Desk' signs a story after 'By'; alone on a line, 'Help Desk' is a link
POSSESSIVE = re.compile(r"['’]s\b")
NAME_SEPARATORS = re.compile(r"\s*(?:[/|·•,;]|\band\b|&|\s[-–—]\s)\s*")
ONE_NAME_BY = re.compile(   # 'Posted by BeauHD on ...', 'by jdoe | Apr 21', '2019年4月13日 by doumae': one name where 'by' opens
    r"(?:^\W*|\b(?:posted|written)\s+|\d\S*\s+)by\s*:?\s+@?([^\W\d_][\w.-]{1,29}?)\.?(?=\s*$|\s*[|·•,]|\s+(?:on|in|at)\b|\s+\d)",
    re.I)   # the line (or follows a post's date), a handle or a first name alone
BARE_NAME_WEIGHT = 2.0      # a name alone on a line, right under the headline
PORTRAIT = re.compile(   # an author's picture as a text browser writes its alt text: 'Jane Roe's avatar', 'Headshot of Jane Roe'
    r"^\W{0,2}(?:(?P<owner>.{3,60}?)(?:['’]s?)?\s+(?:avatar|headshot|profile (?:photo|picture|image))"
    r"|(?:headshot|avatar|portrait|profile (?:picture|photo|image)) of\s+(?P<of>.{3,60}?))\W{0,2}$", re.I)
PICTURE_OF = re.compile(r"^\W{0,2}(?:picture|photo|image) of\s+(.{3,60}?)\W{0,2}$", re.I)   # an author's only when
# the name is printed alone right under it: 'Picture of Jane Roe' above 'Jane Roe'
PORTRAIT_LABEL = re.compile(r"^\W{0,2}(?:author|writer)(?:['’]s)? (?:image|photo|picture|avatar|headshot)\W{0,2}$", re.I)
BARE_NAME_MAX_WORDS = 8
PUBLISHED = re.compile(r"\b(?:publish(?:ed)?|posted|first published|created)\b", re.I)
PUBLISHED_ON = re.compile(r"\b(?:published|posted)\s+(?:on\b|:)", re.I)
PUBLISHED_WORD = re.compile(r"[pP](?i:ublished|osted)")   # in every PUBLISHED_ON match; its case-exact 'p' is found by a fast scan
LIST_SEPARATOR = re.compile(r"\s*[,|·•]\s*")   # between the parts of a byline line
BY_DATE_BONUS = 1.0         # the date on the line that names the author is the story's
UPDATED = re.compile(r"\b(?:updated|modified|last updated)\b", re.I)
GLUED_CLOCK = re.compile(r"\b((?:19|20)\d\d)(\d{1,2}:\d\d)")
GLUED_READING_TIME = re.compile(r"\b((?:19|20)\d\d)(\d{1,3}\s*(?:min(?:ute)?s?|hrs?|hours?)\b)", re.I)   # '202511 mins'
GLUED_YEAR = re.compile(r"(?:19|20)\d\d\d")   # in every GLUED_CLOCK or GLUED_READING_TIME match
GLUED_SLASH = re.compile(r"(?<=[a-z])/(?=[A-Z])")
GLUED_MONTH = re.compile(r"(?<=[a-z])(?=(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
                         r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.? \d)")   # 'Ann LeeMar 5, 2024'
DATE_LABEL = re.compile(r"^\W*(?:publish(?:ed)?(?: date| on)?|posted|updated|last updated|modified|original|first published|date)\s*:?$", re.I)   # alone above the date
HEADER_CLOCK = re.compile(rf"^\W*{WEEKDAY},?\s", re.I)
OUTLET_WORDS = r"(?:News(?: Agency| Service)?|Press|Agency|Times|Post|Herald|Journal|Tribune|Wire|Gazette|Daily|Telegraph|Chronicle)"
OUTLET_NAME = re.compile(rf"^(?:The )?[A-Z][\w&'.-]*(?: [A-Z][\w&'.-]*){{0,3}} {OUTLET_WORDS}$")
DATELINE = re.compile(r"^([A-Z][A-Z .,'-]{1,40}?(?:,\s*[A-Z][\w.]*(?: [A-Z][\w.]*)?)?)\s*(?:\(([A-Za-z][\w ]{1,30})\))?\s*(?:—|–|--?)\s")
END_CREDIT = re.compile(r"(?<=[.!?\"”])\s*\(([A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){0,3}|[A-Z]{2,6})\)$")
TAIL_CREDIT = re.compile(r"^(?:--|—|–)\s*([A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){0,2})$")
LINK_HEADER_LINES = 3
REL_WORD = r"(?:alternate|publisher|home|copyright|search|author|start|next|prev|index|top|canonical|shortlink|help|contents)"
REL_WORDS = re.compile(rf"^(?:{REL_WORD}\s+)+|(?:\s+{REL_WORD})+$", re.I)
FEED_TITLE = re.compile(r"^(.+?)\s*(?:»\s*(?:Feed|フィード|RSS)|[-–]\s*All stories|(?:Full\s+)?(?:RSS|Atom)(?:\s+2\.0)?"
                        r"(?:\s+Feed)?\b|\s+Feed\b|\s+Search$)", re.I)
SHORT_SITE_NAME_WORDS = 3
SITE_NAME_MAX_WORDS = 7
NOT_A_SITE_NAME = re.compile(r"^(?i:rss|atom|feed|search|alternate|publisher|subscribe|recent|edit)\b|[<>=()]|^[a-z]")
COPYRIGHT = re.compile(r"(?i:©|\(c\)|copyright)(?:\s*(?i:©|\(c\)|copyright))*\s*(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?\s*,?\s*)?(?i:by\s+)?"
                       r"((?!All\b)[A-Z][\w&'’-]*(?:\.[a-z]{2,3})?(?:\s+(?:[A-Z][\w&'’-]*|of|and|&)){0,4})")
FOOTER_LINES = 40
LOGO = re.compile(r"^\[?([^\W_][\w.&'’!-]*(?:\s+[\w.&'’!-]+){0,4}?)\s+[Ll]ogo\b")
LOGO_LINES = 20
HEADER_LINES = 80
OWNER_COMPANY = re.compile(r"\b(?:Network|Media|Medien|Productions|Software|Group|Holdings|Enterprises|Communications|Publishing|Corporation)$")
COMPANY_WORD = re.compile(r"\s+Company\b.*$")   # 'The New York Times Company' -> 'The New York Times'


def headline_anchor(page: Page) -> int:
    """Where the byline block is measured from: the headline line, or just above the body."""
    return page.headline_line if page.headline_line is not None else max(0, page.region[0] - 1)


def lines_after(page: Page) -> list[int]:
    """Short lines under the headline, nearest first (prose lines are the body, not its byline)."""
    anchor = headline_anchor(page)
    return [i for i in range(anchor + 1, min(len(page.lines), anchor + 1 + LINES_AFTER))
            if word_count(page.lines[i].original) <= BYLINE_MAX_WORDS]


def lines_before(page: Page) -> list[int]:
    anchor = headline_anchor(page)
    if page.headline_line is None:
        return []
    return [i for i in range(anchor - 1, max(-1, anchor - 1 - LINES_BEFORE), -1)
            if word_count(page.lines[i].original) <= BYLINE_MAX_WORDS]


def without_dates_and_handles(text: str) -> str:
    if DIGIT.search(text):   # dates and times have digits
        text = TIME_IN_TEXT.sub(" ", DATE_IN_TEXT.sub(" ", text))
    if "@" in text or "(" in text or "://" in text:   # handles, addresses and asides have one of these
        text = NOT_NAME_TEXT.sub(" ", text)
    return text


def person_names(text: str) -> list[str]:
    """Parts of a byline fragment shaped like people's names ('Pete Evans · CBC News' -> ['Pete Evans'])."""
    parts = [" ".join(p.split()).strip(" .:") for p in NAME_SEPARATORS.split(without_dates_and_handles(text))]
    return [p for p in parts if is_person(p)]


def staff_name(text: str) -> str:
    """The group a byline fragment names when it is a newsroom's staff or team rather than people ('Resy Staff ·
    Nov 19' -> 'Resy Staff'), else ''."""
    first = NAME_SEPARATORS.split(without_dates_and_handles(text).strip(), maxsplit=1)[0]
    name = " ".join(first.split()).strip(" .:")
    words = set(fold(name).split()[:-1]) - {"the", "our", "news"}
    return name if STAFF_NAME.match(name) and names_no_one(words) and NOT_A_NEWSROOM.isdisjoint(words) else ""


def is_person(name: str) -> bool:
    """Two to four capitalised words, no UI word, no possessive, no outlet in it (photo credits)."""
    if not PERSON.match(name) or POSSESSIVE.search(name):
        return False
    return names_no_one(set(fold(name).split()))


def names_no_one(words: set[str]) -> bool:
    """Whether none of the (folded) words is a UI word, a role or a one-word outlet: words no name holds."""
    return UI_WORDS.isdisjoint(words) and ROLE_WORDS.isdisjoint(words) and single_word_outlets().isdisjoint(words)


@cache
def single_word_outlets() -> frozenset[str]:
    return frozenset(fold(n) for n in known_outlet_names() if len(n.split()) == 1)


def names_after_by(text: str) -> str:
    """The run of name words after "By", up to the first part that is no person's name: 'Michael Larabel in Valve
    on ...' -> 'Michael Larabel', 'Jane Roe, Senior Editor' -> 'Jane Roe'."""
    run = NAME_RUN.match(without_dates_and_handles(text).strip())
    words = run.group(0).split() if run else []
    cut = next((k for k, w in enumerate(words) if fold(w).strip(",.&:") in UI_WORDS), len(words))
    parts = NAME_SEPARATORS.split(TRAILING_PARTICLES.sub("", " ".join(words[:cut])).strip())
    people = list(takewhile(is_person, (part for part in parts if part)))
    return ", ".join(people)


def byline_names(text: str) -> str:
    """The names a "By ..." or "Author: ..." line gives: a run of people's names, or one name or handle where 'by'
    opens the line."""
    label = AUTHOR_LABEL.match(text)
    by = by_line(f"By {text[label.end():]}" if label else text)
    if not by:
        return ""
    names = names_after_by(by.group(1)) or staff_name(by.group(1))
    if names:
        return names
    one = ONE_NAME_BY.search(text)
    name = one.group(1) if one else ""
    return name if name and names_no_one({fold(name)}) else ""


def by_line(text: str) -> re.Match | None:
    """A "By ..." byline in the text; every one holds 'by' or 'By', a cheap test before the pattern."""
    return BY_LINE.search(text) if "by" in text or "By" in text else None


def add_author_candidates(page: Page, i: int, weight: float, where: str, above: bool) -> None:
    """A "By ..." line, the names beside a date, or (under the headline, where navigation no longer
    is) a line that is only a name the page repeats or that sits by a date. A name said twice on its line (the
    writer's picture and link) is read once."""
    text = undoubled(page.lines[i].original)
    if text.startswith("#") or MEDIA_CREDIT.search(text):
        return   # lynx's link header (feed titles) or a photo/video credit, not a byline
    names = byline_names(unglued(labelled(page, i)))
    if names:
        page.add("authors", names, where, weight, line=i)
    elif has_date(text):
        names = person_names(text)
        if names:
            page.add("authors", ", ".join(names), f"{where}, names beside the date", weight - 0.5, line=i)
    elif not above and (any(has_date(page.lines[j].original) for j in (i - 1, i + 1) if 0 <= j < len(page.lines))
                        or page.text.count(text) > 1):   # the cached date test first: the count scans the page
        names = person_names(text)
        if not names and (group := staff_name(text)) and not DESK.search(group):
            names = [group]
        if names and len(text.split()) <= BARE_NAME_MAX_WORDS:
            page.add("authors", ", ".join(names), f"{where}, a name alone", weight - AFTER_WEIGHT + BARE_NAME_WEIGHT,
                     line=i)


def labelled(page: Page, i: int) -> str:
    """Line i, as a "By ..." line when 'Author:' or 'By' stands alone on the line above it."""
    text = page.lines[i].original
    return f"By {text}" if i > 0 and BYLINE_LABEL.match(page.lines[i - 1].original) else text


def unglued(text: str) -> str:
    """Byline text with the gaps the page's markup lost: 'Dec 20 201610:32 AM', 'May 2, 20255 min read',
    'Will Leitch/November 18, 2016', 'Ann LeeMarch 5, 2024'."""
    if GLUED_YEAR.search(text):
        text = GLUED_READING_TIME.sub(r"\1 \2", GLUED_CLOCK.sub(r"\1 \2", text))
    text = GLUED_MONTH.sub(" ", text)
    return GLUED_SLASH.sub(" / ", text) if "/" in text else text


def add_byline_line(page: Page, i: int, weight: float, above: bool, in_body: bool = False) -> None:
    """Date, authors and outlet names that one line of the byline block offers; a date labelled as an update
    below the body's start (a 'Last updated' footer) is no publication date."""
    text = page.lines[i].original
    where = f"byline line {page.lines[i].no}" + (" (above the headline)" if above else "")
    dated = unglued(text)
    found = find_date(dated)
    if found and not (above and HEADER_CLOCK.match(text)):
        label = page.lines[i - 1].original if i > 0 and DATE_LABEL.match(page.lines[i - 1].original) else ""
        lead = label + dated[:found.start()]
        bonus = 0.5 if PUBLISHED.search(lead) else -1.0 if UPDATED.search(lead) else 0.0
        bonus += BY_DATE_BONUS if by_line(text) else 0.0
        next_line = page.lines[i + 1].original if i + 1 < len(page.lines) and not above else ""
        if not (in_body and bonus < 0):
            page.add("published", date_in_text(dated, next_line), where, weight + bonus, line=i)
    add_author_candidates(page, i, weight, where, above)
    known = known_outlet_names()
    for part in LIST_SEPARATOR.split(text):
        if part in known:
            page.add("outlet", part, f"{where}, a known outlet", weight)
        elif OUTLET_NAME.match(part):
            page.add("outlet", part, f"{where}, a name like an outlet's", weight - 1.0)


def add_byline_candidates(page: Page) -> None:
    anchor = headline_anchor(page)
    title = page.lines[anchor].original if page.headline_line is not None else ""
    if has_date(title) and word_count(title) <= BYLINE_MAX_WORDS:   # a date line taken for the title
        page.add("published", date_in_text(title), f"date in the title line {page.lines[anchor].no}",
                 TITLE_LINE_DATE_WEIGHT)
    long_lines = list(islice((i for i in range(anchor + 1, len(page.lines))
                              if word_count(page.lines[i].original) > BYLINE_MAX_WORDS), 2))
    body_starts = long_lines[1] if len(long_lines) > 1 else len(page.lines)   # the first may be a standfirst
    for i in lines_after(page):
        in_body = i > body_starts   # a caption, a list or a related link, not the byline
        add_byline_line(page, i, AFTER_WEIGHT - (i - anchor) * DISTANCE_COST - IN_BODY_COST * in_body, above=False,
                        in_body=in_body)
    for i in lines_before(page):
        add_byline_line(page, i, BEFORE_WEIGHT - (anchor - i) * DISTANCE_COST, above=True)
    for line in page.lines:
        if PUBLISHED_WORD.search(line.original) and PUBLISHED_ON.search(line.original) and has_date(line.original):
            page.add("published", date_in_text(line.original), f"'published on' line {line.no}", 2.5)


def add_credit_candidates(page: Page) -> None:
    """The dateline opening the body's first paragraph ('NEW YORK (Reuters) - ...') and an agency's credit
    closing it ('(AP)', '-- Reuters'): text dumps and HTML bodies alike."""
    body = [ln for ln in page.lines[page.region[0]:page.region[1]] if ln.kept and ln.text]
    if not body:
        return
    first, last = body[0], body[-1]
    dateline = DATELINE.match(first.text)
    if dateline:
        page.add("dateline", dateline.group(1).strip(" ,"), f"dateline line {first.no}", 3.0)
        if dateline.group(2):
            page.add("outlet", dateline.group(2), f"agency credit in dateline line {first.no}", 5.0)
    credit = END_CREDIT.search(last.original) or TAIL_CREDIT.match(last.original)
    if credit:
        page.add("outlet", credit.group(1), f"agency credit line {last.no}", 4.5)


def site_name_from_link_header(text: str) -> str | None:
    """'#publisher The Seattle Times » Feed ...' -> 'The Seattle Times'; '#Vox' -> 'Vox'."""
    rest = REL_WORDS.sub("", text.lstrip("# ").strip()).strip()
    feed = FEED_TITLE.match(rest)
    name = feed.group(1) if feed else rest if len(rest.split()) <= SHORT_SITE_NAME_WORDS else ""
    words = name.split()
    name = undoubled(name).strip(" »|-–:")
    return name if name and len(words) <= SITE_NAME_MAX_WORDS and not NOT_A_SITE_NAME.search(name) else None


def masthead_names(page: Page) -> list[tuple[str, str]]:
    """(site name, where) from the link header lynx prints first and the first "<Site> logo" line."""
    found = []
    header = next((ln for ln in page.lines[:LINK_HEADER_LINES] if ln.original.startswith("#")), None)
    name = site_name_from_link_header(header.original) if header else None
    if name:
        found.append((name, f"link header line {header.no}"))
    logo = next((m for ln in page.lines[:LOGO_LINES] if "ogo" in ln.original for m in [LOGO.match(ln.original)] if m), None)
    if logo:
        found.append((undoubled(logo.group(1)), "logo line"))
    return found


def names_site_or_person(text: str, site_names: list[str]) -> bool:
    """The line is only one of the site's names ('Site', 'Site home') or a person's name: masthead or byline, no headline."""
    line = fold(text)
    for name in site_names:
        site = fold(name)
        if line == site or (line.startswith(site + " ") and len(line.split()) <= len(site.split()) + 2):
            return True
    return is_person(text)


def add_site_name_candidates(page: Page) -> None:
    for name, where in masthead_names(page):
        page.add("outlet", name, where, 3.0)
    known = folded_outlet_names()
    for line in page.lines[:HEADER_LINES]:
        if fold(line.original) in known:
            page.add("outlet", known[fold(line.original)], f"known outlet named alone on line {line.no}", 2.8)
            break
    for line in reversed(page.lines[-FOOTER_LINES:]):
        found = COPYRIGHT.search(line.original)
        if found:
            name = COMPANY_WORD.sub("", found.group(1).strip(" .,"))
            if not OWNER_COMPANY.search(name):   # 'NBCUniversal Media' owns the site; it is not the outlet
                page.add("outlet", name, f"copyright line {line.no}", 2.5)
            break


def add_wide_candidates(page: Page) -> None:
    """Beyond the byline block, from well above the headline to a little past the article: every short line with a
    date, a "By ..." line or a line that is only a person's name, trusted little (the date and authors models
    weigh them by where they are: `distance` from the headline). A date labelled as an update is none."""
    anchor = headline_anchor(page)
    near = {anchor, *lines_after(page), *lines_before(page)}
    for i in range(max(0, anchor - WIDE_ABOVE), min(len(page.lines), page.region[1] + WIDE_BELOW)):
        text = page.lines[i].original
        if name := portrait_name(page, i):
            page.add("authors", name, f"portrait line {page.lines[i].no}", WIDE_WEIGHT, line=i)
        if i in near or word_count(text) > BYLINE_MAX_WORDS or text.startswith("#") or MEDIA_CREDIT.search(text):
            continue
        text = unglued(text)
        found = find_date(text)
        if found and not (UPDATED.search(text[:found.start()]) and not PUBLISHED.search(text[:found.start()])):
            page.add("published", date_in_text(text), f"date line {page.lines[i].no}", WIDE_WEIGHT, line=i)
        names = byline_names(unglued(labelled(page, i)))
        if names:
            page.add("authors", names, f"'By' line {page.lines[i].no}", WIDE_WEIGHT, line=i)
        elif len(text.split()) <= BARE_NAME_MAX_WORDS and is_person(name := undoubled(text).strip(" .:")):
            page.add("authors", name, f"name line {page.lines[i].no}", WIDE_WEIGHT, line=i)


def portrait_name(page: Page, i: int) -> str:
    """The person whose picture line i is ('Jane Roe's avatar', 'Headshot of Jane Roe', or 'Author image' or
    'Picture of Jane Roe' above a line that is only that name): bylines show the writer's picture; '' when the line
    is none."""
    text = page.lines[i].original
    if len(text) > 90:
        return ""
    picture = PORTRAIT_LABEL.match(text) or PICTURE_OF.match(text)
    if picture:
        below = " ".join(page.lines[i + 1].original.split()).strip(" .:") if i + 1 < len(page.lines) else ""
        name = below if picture.re is PORTRAIT_LABEL or fold(picture.group(1)) == fold(below) else ""
    else:
        found = PORTRAIT.match(text)
        name = " ".join((found.group("owner") or found.group("of")).split()).strip(" .:[]") if found else ""
    return name if is_person(name) else ""


def add_text_candidates(page: Page) -> None:
    if page.lines:
        add_byline_candidates(page)
        add_wide_candidates(page)
        add_credit_candidates(page)
        add_site_name_candidates(page)

