"""The labelled pages: where they are, which site each belongs to, and its cross-validation fold.

Two corpora sit in ../shared/corpus beside the checkout (or wherever NEWSCLEAN_CORPUS points):
`dev/` (327 news and blog pages: html, text-lynx, text-inscriptis) and `train-wcxb/` (1,355 pages
of many types: html, text-lynx, text-lynx80, text-inscriptis). A page's site is its URL's registered
domain (www.bbc.co.uk -> bbc.co.uk); pages without a URL are a site of their own. Its fold is a hash
of the site, so every page of a site falls in the same fold, on every machine and every run.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tld import get_fld

from pipeline.evaluate import load_gold

CORPUS_ENV = "NEWSCLEAN_CORPUS"
DEFAULT_ROOT = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
CORPORA = {"dev": "dev", "wcxb": "train-wcxb"}   # short name -> folder
TEXT_KINDS = ("text-lynx", "text-lynx80", "text-inscriptis")   # every kind of dump the corpora hold
KINDS = ("html", *TEXT_KINDS)
FOLDS = 5
ARTICLE = "article"


class CorpusMissing(LookupError):
    """The labelled corpora are not where they are looked for."""


@dataclass(frozen=True)
class LabelledPage:
    """One page of a corpus with its gold record, as every kind of input the corpus holds."""

    id: str
    corpus: str          # dev | wcxb
    site: str
    fold: int
    gold: dict
    folder: Path         # the corpus folder

    @property
    def page_type(self) -> str:
        """WCXB's page type; every dev page is a news or blog article."""
        return self.gold.get("page_type", ARTICLE)

    def path(self, kind: str) -> Path | None:
        """The page's file of that kind (`html`, `text-lynx`, ...), or None when the corpus has none."""
        for suffix in ((".html", ".html.gz") if kind == "html" else (".txt", ".txt.gz")):
            candidate = self.folder / kind / f"{self.id}{suffix}"
            if candidate.is_file():
                return candidate
        return None


def corpus_root(root: Path | None = None) -> Path:
    """The folder holding dev/ and train-wcxb/: `root`, else NEWSCLEAN_CORPUS, else ../shared/corpus."""
    root = Path(root or os.environ.get(CORPUS_ENV) or DEFAULT_ROOT)
    if not all((root / folder / "gold.jsonl").is_file() for folder in CORPORA.values()):
        raise CorpusMissing(f"the labelled corpora (dev/ and train-wcxb/ with gold.jsonl) are not in {root}; "
                            f"put ../shared/corpus beside the checkout or set {CORPUS_ENV}")
    return root


def site_of(gold: dict) -> str:
    """The registered domain of the page's URL; a page without one is its own site."""
    url = gold.get("url") or ""
    domain = get_fld(url, fail_silently=True, fix_protocol=True) if url else None
    return domain or f"page:{gold['id']}"


def fold_of(site: str) -> int:
    return int(hashlib.sha256(site.encode("utf-8")).hexdigest(), 16) % FOLDS


@cache
def labelled_pages(root: Path | None = None, corpora: tuple[str, ...] = tuple(CORPORA)) -> tuple[LabelledPage, ...]:
    """Every labelled page of the named corpora (dev, wcxb) under `root` (see corpus_root), in corpus and gold order."""
    root = corpus_root(root)
    pages = []
    for corpus in corpora:
        folder = root / CORPORA[corpus]
        for gold in load_gold(folder / "gold.jsonl"):
            site = site_of(gold)
            pages.append(LabelledPage(gold["id"], corpus, site, fold_of(site), gold, folder))
    return tuple(pages)
