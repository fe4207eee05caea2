"""The Pydantic model of an article record: the single source of truth for its JSON shape.

`article.schema.json` beside this file is generated from it (`make schema`); a test fails when
the two drift apart.
"""
from __future__ import annotations

import json
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

SCHEMA_VERSION = "2.0"
PageType = Literal["article", "forum", "product", "collection", "listing", "documentation", "service", "other"]


class Source(BaseModel):
    """Where the record came from."""

    model_config = ConfigDict(extra="forbid")

    path: str = Field(description="Input path, relative to the input folder (or WARC file#record).")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="sha256 of the raw input bytes.")
    format: Literal["html", "text"] = Field(description="Detected format of the page.")
    url: str | None = Field(default=None, description="The page's URL when the input names it.")
    fetched: str | None = Field(default=None, description="When the page was fetched (WARC), ISO 8601.")


class Provenance(BaseModel):
    """Where each metadata value came from, e.g. 'byline line 7', 'JSON-LD datePublished'."""

    model_config = ConfigDict(extra="forbid")

    headline: str | None = None
    date: str | None = None
    outlet: str | None = None
    authors: str | None = None


class Article(BaseModel):
    """One cleaned article. Keys are written in this order."""

    model_config = ConfigDict(extra="forbid")

    schema_version: Literal["2.0"] = SCHEMA_VERSION
    id: str = Field(min_length=1)
    source: Source
    page_type: PageType = Field(description="What kind of page it is (WCXB's taxonomy, and `other`: login, error, "
                                            "search-results and paywall-stub pages); `article` unless the run "
                                            "was asked for every type.")
    headline: str | None = Field(min_length=1, description="The title; null when the page shows none (see warnings).")
    date: str | None = Field(pattern=r"^\d{4}-\d{2}-\d{2}$",
                             description="Publication day, YYYY-MM-DD; null when the page does not say.")
    published: str | None = Field(default=None,
                                  description="Full publication timestamp (ISO 8601) when the page gives the time.")
    outlet: str | None = Field(description="The publishing outlet or agency; null when not named.")
    authors: list[str]
    dateline: str | None = Field(default=None, description="Place the story was filed from, e.g. 'TOKYO'.")
    language: str | None = Field(default=None, description="ISO 639-1 code when known.")
    body: str = Field(min_length=1, description="Paragraphs in page order, separated by one blank line.")
    word_count: int = Field(ge=1)
    provenance: Provenance
    warnings: list[str] = Field(default_factory=list,
                                description="What the pipeline did that may have lost text or left a field empty.")

    @field_validator("headline", "outlet", "dateline")
    @classmethod
    def _single_line(cls, value: str | None) -> str | None:
        if value is not None and ("\n" in value or value != value.strip()):
            raise ValueError("must be one trimmed line")
        return value

    @field_validator("authors")
    @classmethod
    def _names(cls, names: list[str]) -> list[str]:
        if any(not n.strip() or n != n.strip() for n in names):
            raise ValueError("author names must be non-empty and trimmed")
        if len(set(names)) != len(names):
            raise ValueError("author names must not repeat")
        return names

    @field_validator("body")
    @classmethod
    def _paragraphs(cls, body: str) -> str:
        if re.search(r"\n{3,}", body) or body != body.strip():
            raise ValueError("paragraphs must be separated by exactly one blank line, no outer white space")
        return body

    def to_json(self) -> str:
        """The record's bytes-to-be: UTF-8 text, keys in model order, indented, newline at the end."""
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def json_schema() -> dict:
    return Article.model_json_schema()


def json_schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
