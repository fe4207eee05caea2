"""The benchmark metric: how close article records come to a gold file.

Every figure is taken over the gold pages where that field is annotated (null = not scored); a page
with no record counts as an empty prediction.

- body4: the article-extraction-benchmark metric. Per page, the 4-token shingles of gold and
  prediction are compared as multisets; precision = shared / predicted, recall = shared / gold.
  Precision is averaged over pages with a non-empty prediction, recall over all pages with a gold
  body, and F1 is the harmonic mean of those two averages. body1 is the same with single tokens.
- headline, outlet: exact match after `normalise` (NFKC, curly quotes and dashes folded, casefold,
  white space collapsed).
- date: the same day. date_tz: any day the gold instant (date_raw) falls on somewhere in UTC-12..UTC+14.
- authors: the same set of names (split on , ; and & |, a leading "By" dropped), over pages whose
  gold names someone; authors_none: pages whose gold names nobody, where the prediction names nobody.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from pipeline.records import record_dicts

TOKEN = re.compile(r"\w+")
FOLD = str.maketrans({**dict.fromkeys("\u2018\u2019\u201a\u201b", "'"), **dict.fromkeys("\u201c\u201d\u201e", '"'),
                      **dict.fromkeys("\u2013\u2014", "-")})
NAME_SEPARATOR = re.compile(r"\s*(?:,|;|\band\b|&|\|)\s*")
LEADING_BY = re.compile(r"^by\s+")
DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
INSTANT = re.compile(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})$")
EARLIEST_ZONE, LATEST_ZONE = timedelta(hours=-12), timedelta(hours=14)
METADATA_FIELDS = ("headline", "date", "date_tz", "authors", "authors_none", "outlet")


def normalise(value) -> str:
    """Text as compared for headline and outlet; anything but a string is empty."""
    if not isinstance(value, str):
        return ""
    folded = unicodedata.normalize("NFKC", value).translate(FOLD).casefold()
    return " ".join(folded.split())


def author_set(names) -> frozenset[str]:
    """The normalised names of an authors value (a list of names, or one string)."""
    if isinstance(names, str):
        names = [names]
    if not isinstance(names, (list, tuple)):
        return frozenset()
    found = set()
    for name in names:
        for part in NAME_SEPARATOR.split(name if isinstance(name, str) else ""):
            cleaned = LEADING_BY.sub("", normalise(part)).strip(" .,:-")
            if cleaned:
                found.add(cleaned)
    return frozenset(found)


def parse_day(value) -> date | None:
    """The day a `YYYY-MM-DD...` string starts with, or None."""
    match = DAY.match(value) if isinstance(value, str) else None
    if not match:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def local_days(instant, gold_day: date) -> set[date]:
    """Every day the instant (an ISO timestamp with zone) falls on in UTC-12..UTC+14; else just gold_day."""
    match = INSTANT.match((instant or "").strip()) if isinstance(instant, str) else None
    if not match:
        return {gold_day}
    day_part, clock, zone = match.groups()
    offset = timedelta(0)
    if zone != "Z":
        sign = 1 if zone[0] == "+" else -1
        offset = sign * timedelta(hours=int(zone[1:3]), minutes=int(zone[-2:]))
    utc = datetime.fromisoformat(f"{day_part}T{clock}").replace(tzinfo=timezone(offset)).astimezone(timezone.utc)
    first, last = (utc + EARLIEST_ZONE).date(), (utc + LATEST_ZONE).date()
    return {first + timedelta(days=i) for i in range((last - first).days + 1)}


def shingles(text, size: int) -> Counter:
    """Multiset of runs of `size` consecutive word tokens; a shorter text is one run of all its tokens."""
    tokens = TOKEN.findall(text) if isinstance(text, str) else []
    if not tokens:
        return Counter()
    starts = range(max(1, len(tokens) - size + 1))
    return Counter(tuple(tokens[i:i + size]) for i in starts)


def overlap(gold_body, predicted_body, size: int) -> tuple[float, float, float]:
    """Shares of (shared, predicted only, gold only) shingles on one page; all zero when both are empty."""
    gold, predicted = shingles(gold_body, size), shingles(predicted_body, size)
    shared = sum((gold & predicted).values())
    extra = sum((predicted - gold).values())
    missed = sum((gold - predicted).values())
    total = shared + extra + missed
    return (shared / total, extra / total, missed / total) if total else (0.0, 0.0, 0.0)


def body_figures(pages: list[tuple[float, float, float]]) -> dict:
    """Precision over pages that predicted something, recall over pages with gold text, F1 of the means."""
    precisions = [shared / (shared + extra) for shared, extra, _ in pages if shared + extra > 0]
    recalls = [shared / (shared + missed) for shared, _, missed in pages if shared + missed > 0]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"n": len(pages), "precision": precision, "recall": recall, "f1": f1}


def score(gold: list[dict], predictions: dict[str, dict]) -> dict:
    """All figures for `predictions` (id -> record) against the `gold` records, unrounded."""
    hits: dict[str, list[bool]] = {name: [] for name in METADATA_FIELDS}
    bodies: dict[int, list] = {1: [], 4: []}
    for truth in gold:
        record = predictions.get(truth["id"]) or {}
        if truth.get("headline"):
            hits["headline"].append(normalise(truth["headline"]) == normalise(record.get("headline")))
        if truth.get("date"):
            gold_day, predicted_day = parse_day(truth["date"]), parse_day(record.get("date"))
            hits["date"].append(predicted_day is not None and predicted_day == gold_day)
            hits["date_tz"].append(predicted_day is not None
                                   and predicted_day in local_days(truth.get("date_raw"), gold_day))
        if truth.get("authors") is not None:
            names = author_set(truth["authors"])
            hits["authors" if names else "authors_none"].append(names == author_set(record.get("authors")))
        if truth.get("outlet"):
            hits["outlet"].append(normalise(truth["outlet"]) == normalise(record.get("outlet")))
        if truth.get("body"):
            for size, pages in bodies.items():
                pages.append(overlap(truth["body"], record.get("body"), size))
    figures: dict = {"pages": len(gold), "missing": sum(1 for truth in gold if truth["id"] not in predictions)}
    if bodies[4]:
        figures["body4"], figures["body1"] = body_figures(bodies[4]), body_figures(bodies[1])
    for name, results in hits.items():
        if results:
            figures[name] = {"n": len(results), "acc": sum(results) / len(results)}
    return figures


def printed_in(truth: dict, field: str, text: str) -> bool:
    """Whether the gold `field` value appears in a page's text: a headline or outlet as `normalise` folds both (so
    across wrapped lines too); a date as any day of its instant (see local_days) in a form the pipeline reads."""
    if field != "date":
        return normalise(truth[field]) in normalise(text)
    from pipeline.metadata.date import day_pattern

    gold_day = parse_day(truth["date"])
    return gold_day is not None and any(day_pattern(day).search(text) for day in local_days(truth.get("date_raw"), gold_day))


def reachable_ids(gold: list[dict], folder: Path, field: str) -> tuple[set[str], int]:
    """For text dumps: the ids of the gold pages whose `field` value (headline, outlet, date) appears in the page's
    text at all (see printed_in), as the pipeline decodes it, and how many gold pages have that field and an input
    file."""
    from pipeline.decode import decode
    from pipeline.page import Rejected, page_id
    from pipeline.read import read_file, unwrap

    def text(path: Path) -> str:
        try:
            return decode(unwrap(read_file(path)), "text")[0]
        except Rejected:   # an empty or unreadable dump holds nothing
            return ""

    files = {page_id(path): path for path in folder.iterdir() if path.is_file()}
    judged = [truth for truth in gold if truth.get(field) and truth["id"] in files]
    return {truth["id"] for truth in judged if printed_in(truth, field, text(files[truth["id"]]))}, len(judged)


def reachable(gold: list[dict], folder: Path, field: str) -> dict:
    """How many gold `field` values appear in their dump at all (see reachable_ids): the best accuracy any choice
    of text could reach."""
    found, n = reachable_ids(gold, folder, field)
    return {"n": n, "acc": len(found) / n if n else 0.0}


def language_figure(gold: list[dict], predictions: dict[str, dict]) -> dict | None:
    """Over the gold pages that declare a language (`lang`): the record's language is its primary subtag."""
    declared = [(truth["lang"].split("-")[0].split("_")[0].lower(), (predictions.get(truth["id"]) or {}).get("language"))
                for truth in gold if truth.get("lang")]
    return {"n": len(declared), "acc": sum(want == got for want, got in declared) / len(declared)} if declared else None


def load_gold(path: Path) -> list[dict]:
    """The gold records of a JSON Lines file."""
    return [json.loads(line) for line in path.read_text("utf-8").split("\n") if line.strip()]


def load_records(folder: Path) -> dict[str, dict]:
    """id -> record for every record of a run's output folder, whatever its format (see pipeline.records)."""
    return {record["id"]: record for record in record_dicts(folder)}
