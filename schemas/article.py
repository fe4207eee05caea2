"""The Pydantic model of an article record: the single source of truth for its JSON shape.

`article.schema.json` beside this file is generated from it (`make schema`); a test fails when
the two drift apart, and another feeds the same good and bad records to both and expects the same
verdicts. So every constraint is one the JSON Schema can carry: a pattern, uniqueItems, a length.
The patterns are written to read alike in every regex engine a validator may use (Python's `re`,
which Pydantic uses here, and ECMA-262's, which JSON Schema names): white space is spelled out
rather than a class escape, digits are [0-9], and `whole` anchors a pattern to the whole string.
"""
from __future__ import annotations

import json
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

SCHEMA_VERSION = "2.0"
PageType = Literal["article", "forum", "product", "collection", "listing", "documentation", "service", "other"]
SPACE = r"\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
# what str.isspace() calls white space, spelled out
SOLID = f"[^{SPACE}]"
MONTH_DAY = ("(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"   # months of 31 days
             "|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"               # of 30
             "|02-(?:0[1-9]|1[0-9]|2[0-8]))")                        # February
LEAP_YEAR = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
DATE = f"(?!0000)(?:[0-9]{{4}}-{MONTH_DAY}|{LEAP_YEAR}-02-29)"  # a day of the Gregorian calendar, year 1 on


def whole(pattern: str) -> str:
    """`pattern` over the whole string. Python's `$` also matches before a final newline, so a lookahead rules it out."""
    return rf"^(?:{pattern})$(?!\n)"


ONE_LINE = whole(rf"{SOLID}(?:[^\n]*{SOLID})?")          # no newline, no white space at either end
PARAGRAPHS = whole(rf"(?![\s\S]*\n\n\n){SOLID}(?:[\s\S]*{SOLID})?")  # no three newlines in a row, trimmed


def no_repeats(items: list) -> list:
    if len(set(items)) != len(items):
        raise ValueError("items must not repeat")
    return items


OneLine = Annotated[str, Field(pattern=ONE_LINE)]
UniqueNames = Annotated[list[OneLine], AfterValidator(no_repeats), Field(json_schema_extra={"uniqueItems": True})]


def integral(value):
    """2.0 -> 2: JSON Schema counts a number without a fraction as an integer, so the model does too."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


class Record(BaseModel):
    """What every part of the record shares: no unknown keys, no type coerced (strict: True is no number, '2' is
    no integer, as in JSON Schema), and patterns read by Python's `re` (see `whole`)."""

    model_config = ConfigDict(extra="forbid", strict=True, regex_engine="python-re")


class Source(Record):
    """Where the record came from."""

    path: str = Field(description="Input path, relative to the input folder (or WARC file#record).")
    sha256: str = Field(pattern=whole("[0-9a-f]{64}"), description="sha256 of the raw input bytes.")
    format: Literal["html", "text"] = Field(description="Detected format of the page.")
    url: str | None = Field(default=None, description="The page's URL when the input names it.")
    fetched: str | None = Field(default=None, description="When the page was fetched (WARC), ISO 8601.")


class Provenance(Record):
    """Where each metadata value came from, e.g. 'byline line 7', 'JSON-LD datePublished'."""

    headline: str | None = None
    date: str | None = None
    outlet: str | None = None
    authors: str | None = None


class Article(Record):
    """One cleaned article. Keys are written in this order."""

    schema_version: Literal["2.0"] = SCHEMA_VERSION
    id: str = Field(min_length=1)
    source: Source
    page_type: PageType = Field(description="What kind of page it is (WCXB's taxonomy, and `other`: login, error, "
                                            "search-results and paywall-stub pages); `article` unless the run "
                                            "was asked for every type.")
    headline: str | None = Field(pattern=ONE_LINE,
                                 description="The title, one trimmed line; null when the page shows none (see warnings).")
    date: str | None = Field(pattern=whole(DATE), json_schema_extra={"format": "date"},
                             description="Publication day, YYYY-MM-DD (a day of the calendar); null when the page does not say.")
    published: str | None = Field(default=None, pattern=whole(f"{DATE}(?:T[0-9:.+-]+Z?)?"),
                                  description="Full publication timestamp (ISO 8601: a valid day, then T and the time) "
                                              "when the page gives the time.")
    outlet: str | None = Field(pattern=ONE_LINE, description="The publishing outlet or agency; null when not named.")
    authors: UniqueNames = Field(description="The authors' names, each one trimmed line, none twice.")
    dateline: str | None = Field(default=None, pattern=ONE_LINE,
                                 description="Place the story was filed from, e.g. 'TOKYO'.")
    language: str | None = Field(default=None, pattern=whole("[a-z]{2}"),
                                 description="ISO 639-1 code (two lower-case letters): declared by the page, "
                                             "else detected in the body; null when neither says.")
    body: str = Field(pattern=PARAGRAPHS, description="Paragraphs in page order, separated by one blank line.")
    word_count: Annotated[int, BeforeValidator(integral)] = Field(ge=1)
    provenance: Provenance
    warnings: list[str] = Field(default_factory=list,
                                description="What the pipeline did that may have lost text or left a field empty.")

    def to_json(self) -> str:
        """The record's bytes-to-be: UTF-8 text, keys in model order, indented, newline at the end."""
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def error_text(error: ValidationError) -> str:
    """The errors of a record that fails the model, one short clause each (a pattern is named, not quoted)."""
    def clause(e: dict) -> str:
        where = ".".join(map(str, e["loc"]))
        if e["type"] == "string_pattern_mismatch":
            return f"{where}: {str(e['input'])[:60]!r} is not of the form the schema asks for"
        return f"{where}: {e['msg']}"
    return "; ".join(clause(e) for e in error.errors())


def json_schema() -> dict:
    return Article.model_json_schema()


def json_schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
