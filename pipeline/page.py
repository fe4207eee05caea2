"""The objects that travel through the pipeline: a Page, its Lines, metadata Candidates."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.textutil import spaced_words
from pipeline.write import UNUSABLE_IDS

WARC_RECORD = re.compile(r"(.+?)\.warc(?:\.gz)?#(\d+)", re.I)
ENCODED = re.compile("%25|%2F")  # in an id, the mark of an encoded path (see record_id)
ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+\d*);", re.I)   # left in a value escaped twice ('&amp;#x26;')


class Rejected(Exception):
    """A page that cannot become an article; `reason` is a short stable code, `detail` says more."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass
class Line:
    """One line (text dump) or block (HTML) of the page, and what the pipeline decided about it."""

    no: int                     # 1-based position in the input (line number, or block number for HTML)
    text: str                   # content, trimmed, bullet marker removed
    indent: int = 0             # leading spaces in the dump
    bullet: bool = False        # the dump drew a list bullet before it
    blank_before: bool = False  # a blank line separates it from the previous line
    removed_by: str | None = None  # rule id (or stage name) that removed it from the body
    note: str = ""              # why, when the remover has more to say (e.g. a classifier score)
    edits: list[str] = field(default_factory=list)  # rule ids that trimmed part of the line
    original: str = ""          # the text before any trim rule cut it
    link: bool = False          # HTML: the block's text is the text of a link on the page

    def __post_init__(self):
        self.original = self.original or self.text

    @property
    def kept(self) -> bool:
        return self.removed_by is None

    @property
    def words(self) -> int:
        return spaced_words(self.text)


@dataclass
class Candidate:
    """A possible value for a metadata field, with where it was found and how much we trust it."""

    field: str      # headline | date | published | outlet | authors | dateline | language | url
    value: object
    origin: str     # e.g. "JSON-LD datePublished", "byline line 7"
    weight: float = 1.0
    line: int | None = None   # text dumps: the index of the line it was found on


@dataclass
class Page:
    """A page on its way from raw bytes to a record."""

    id: str
    path: str                       # relative to the input folder
    location: str | None = None     # where to read the bytes from (None when `raw` is given)
    max_bytes: int = 20 * 1024 * 1024
    raw: bytes = b""                # the page's bytes (gunzipped)
    sha256: str = ""                # of the bytes as stored
    format: str = ""                # html | text
    url: str | None = None
    fetched: str | None = None
    text: str = ""                  # decoded text (the whole input)
    encoding: str = ""
    all_types: bool = False         # every page type becomes a record (else only articles)
    page_type: str | None = None    # article, forum, ... (pipeline.pagetype)
    type_decision: object = None    # pipeline.pagetype.Decision: score and reasons, for `explain`
    tree: object = None             # HTML: the parsed page (lxml), from the page-type stage to the extract stage
    lines: list[Line] = field(default_factory=list)
    markup: object = None           # text dumps: what the dump printed besides the page's text (extract.text.Markup)
    headline_line: int | None = None  # index into lines of the title line (text dumps)
    region: tuple[int, int] = (0, 0)  # [start, end) indices of lines that hold the article
    dropped: list[int] = field(default_factory=list)  # lines in the region a model rejects: removed after the rules
    sure: dict[int, float] = field(default_factory=dict)  # lines in the region a model is sure of -> its score
    candidates: list[Candidate] = field(default_factory=list)
    values: dict[str, object] = field(default_factory=dict)   # chosen metadata values
    origins: dict[str, str] = field(default_factory=dict)     # where each chosen value came from
    body: str = ""
    record: object = None           # the validated schemas.Article
    counts: dict[str, int] = field(default_factory=dict)      # what stages and rules did to this page
    warnings: list[str] = field(default_factory=list)         # what was lost or left empty, for the record
    cut_at_limit: Rejected | None = None  # the first limit that cut text off the page (see warn)
    options: dict[str, list] = field(default_factory=dict)     # field -> the metadata.ranking.Options a model chose among
    decisions: dict[str, tuple] = field(default_factory=dict)  # field -> (model, feature row, score) that chose it

    def count(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n

    def warn(self, code: str, detail: str, limit: bool = False) -> None:
        """Note in the record what the pipeline did that lost text or left a field empty (counted as warning:CODE).
        `limit`: text was cut off at a limit; should the page then be rejected, it is for this (stages.process)."""
        self.warnings.append(f"{code}: {detail}")
        self.count(f"warning:{code}")
        if limit and self.cut_at_limit is None:
            self.cut_at_limit = Rejected(code, detail)

    def add(self, field_name: str, value, origin: str, weight: float = 1.0, line: int | None = None) -> None:
        """A candidate value of a metadata field; a character reference left in a text ('SQL &#x26; AI', from a page
        that escaped it twice) is the character."""
        if isinstance(value, str) and ENTITY.search(value):
            value = html.unescape(value)
        if value not in (None, "", []):
            self.candidates.append(Candidate(field_name, value, origin, weight, line))

    def candidates_for(self, field_name: str) -> list[Candidate]:
        return [c for c in self.candidates if c.field == field_name]

    def kept_lines(self) -> list[Line]:
        return [ln for ln in self.lines if ln.kept and ln.text]


def page_id(path: Path) -> str:
    """The id of a page at the top of INPUT: its file name less its format extension (.html .htm .mhtml .mht .txt)
    and a trailing .gz; other dots stay. A name that would leave a run file's id or '.'/'..' keeps its
    extension (`_run.html`, `..txt`).

    A page inside a WARC file (`crawl.warc.gz#17`, see pipeline.sources) is `crawl-17`.
    """
    name = path.name
    warc_record = WARC_RECORD.fullmatch(name)
    if warc_record:
        return f"{warc_record[1]}-{warc_record[2]}"
    stem = name[:-3] if name.lower().endswith(".gz") else name
    for ext in (".html", ".htm", ".mhtml", ".mht", ".txt"):
        if stem.lower().endswith(ext) and stem[: -len(ext)] not in UNUSABLE_IDS:
            return stem[: -len(ext)]
    return name if stem in UNUSABLE_IDS else stem


def record_id(rel: str) -> str:
    """The id of the page at `rel` (its path relative to INPUT, folders joined by '/').

    A page at the top of INPUT has the id of its name (page_id). A page in a sub-folder has its
    relative path as id, its name less the extension as page_id takes it off, with '%' written '%25'
    and '/' written '%2F' (`site0.example/news/index.html` -> `site0.example%2Fnews%2Findex`); so
    does a top-level name that holds '%25' or '%2F' itself. An id holding '%25' or '%2F' is thus
    always such an encoded path, and `urllib.parse.unquote` gives the path back; other ids are names.
    """
    folders, _, name = rel.rpartition("/")
    name_id = page_id(Path(name))
    if not folders and not ENCODED.search(name_id):
        return name_id
    path = f"{folders}/{name_id}" if folders else name_id
    return path.replace("%", "%25").replace("/", "%2F")
