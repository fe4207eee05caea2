"""Duplicate stories across a run: records that carry one story, grouped by MinHash and LSH (datasketch).

Two records are one story when their bodies share most of their text (the same story syndicated or
re-posted, the same page as HTML and as a text dump), or when they quote the same statements (one
event written up by two outlets, which share little text besides the quotes). So each body gets a
signature of two MinHashes:
- text: its runs of TEXT_SHINGLE words (lower-cased `\\w+` tokens), TEXT_PERM values;
- quotes: the runs of QUOTE_SHINGLE words inside its quotations of QUOTE_WORDS words or more, QUOTE_PERM
  values; none (all values at their maximum) when it quotes fewer than QUOTE_MIN_SHINGLES runs.
A pair is linked when the estimated Jaccard similarity of its text runs reaches TEXT_THRESHOLD, or that
of its quoted runs reaches QUOTE_THRESHOLD. A group is a set of linked records; its `similarity` is the
lowest, over any two of its records, of the larger of the two estimates.

The worker computes the signature beside the record and the cache keeps it with the page's outcome: a
re-run keeps the signatures of unchanged pages and forgets those of pages gone, so the groups always
stand for the run's current records. To find candidate pairs without comparing all of them (LSH),
each signature is cut into bands of two values; records sharing a band are candidates. The bands
go to a scratch database beside the cache's (on disk, not in memory), deleted once the groups are found. The constants were fitted on the dev
corpus and checked on train-wcxb: see the README.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Iterable, Iterator, Protocol

import numpy as np
from datasketch import MinHash

TEXT_SHINGLE, TEXT_PERM, TEXT_THRESHOLD = 5, 128, 0.2
QUOTE_SHINGLE, QUOTE_PERM, QUOTE_THRESHOLD = 4, 128, 0.15
QUOTE_WORDS = 6            # words a quotation needs to count
QUOTE_MIN_SHINGLES = 12    # quoted runs a body needs to have its quotes compared
TOKEN = re.compile(r"\w+")
QUOTATION = re.compile(r'[“"]([^”"\n]+)[”"]')
VALUE = np.dtype("<u4")
EMPTY = np.iinfo(VALUE).max  # a MinHash of nothing holds only this value
BAND = np.dtype("<u8")       # an LSH band: two values
BAND_SALT = np.random.default_rng(0).integers(0, 2**63, (TEXT_PERM + QUOTE_PERM) // 2, dtype=np.uint64)


@cache
def _minhash(num_perm: int) -> MinHash:
    return MinHash(num_perm=num_perm, seed=1, scheme="affine32")


def runs(words: list[str], size: int) -> set[bytes]:
    """The runs of `size` consecutive words (fewer words: one run of them all; none: no run)."""
    return {" ".join(words[i:i + size]).encode() for i in range(max(1, len(words) - size + 1))} if words else set()


def text_shingles(body: str) -> set[bytes]:
    return runs(TOKEN.findall(body.lower()), TEXT_SHINGLE)


def quote_shingles(body: str) -> set[bytes]:
    """The runs of QUOTE_SHINGLE words of every quotation of QUOTE_WORDS words or more."""
    found: set[bytes] = set()
    for quotation in QUOTATION.findall(body):
        words = TOKEN.findall(quotation.lower())
        if len(words) >= QUOTE_WORDS:
            found |= runs(words, QUOTE_SHINGLE)
    return found if len(found) >= QUOTE_MIN_SHINGLES else set()


def _values(shingles: set[bytes], num_perm: int) -> np.ndarray:
    minhash = _minhash(num_perm).copy()
    minhash.update_batch(shingles)
    return minhash.hashvalues.astype(VALUE)


def signature(body: str) -> bytes:
    """The body's signature: TEXT_PERM then QUOTE_PERM little-endian 32-bit values."""
    return (_values(text_shingles(body), TEXT_PERM).tobytes()
            + _values(quote_shingles(body), QUOTE_PERM).tobytes())


def _parts(sig: bytes) -> tuple[np.ndarray, np.ndarray]:
    values = np.frombuffer(sig, VALUE)
    return values[:TEXT_PERM], values[TEXT_PERM:]


def similarities(one: bytes, other: bytes) -> tuple[float, float]:
    """The estimated Jaccard similarities (text, quotes) of two signatures; quotes 0 when one has none."""
    (text_one, quotes_one), (text_other, quotes_other) = _parts(one), _parts(other)
    text = float(np.mean(text_one == text_other))
    if (quotes_one == EMPTY).all() or (quotes_other == EMPTY).all():
        return text, 0.0
    return text, float(np.mean(quotes_one == quotes_other))


def linked(one: bytes, other: bytes) -> bool:
    text, quotes = similarities(one, other)
    return text >= TEXT_THRESHOLD or quotes >= QUOTE_THRESHOLD


def band_keys(sig: bytes) -> np.ndarray:
    """A 64-bit key per band of two values (the quote bands only when the body has quotes): the band's
    64 bits, mixed with a constant of its position. Two records that share a key are candidates."""
    keys = np.frombuffer(sig, BAND) ^ BAND_SALT
    if (np.frombuffer(sig, VALUE)[TEXT_PERM:] == EMPTY).all():
        keys = keys[:TEXT_PERM // 2]
    return keys.view(np.int64)


class SignatureStore(Protocol):
    """Where the run's signatures and their bands live (pipeline.cache.Cache)."""

    def signed_pages(self) -> Iterator[tuple[int, bytes]]: ...
    def add_bands(self, rows: Iterable[tuple[int, int]]) -> None: ...
    def shared_bands(self) -> Iterator[list[int]]: ...
    def forget_bands(self) -> None: ...
    def signed_page(self, number: int) -> tuple[str, bytes]: ...


@dataclass
class Group:
    ids: list[str]
    similarity: float

    def as_dict(self) -> dict:
        return {"ids": self.ids, "similarity": round(self.similarity, 3)}


def find_groups(store: SignatureStore) -> list[Group]:
    """The groups of records that carry one story, among the store's signed pages, sorted by their first id."""
    store.add_bands((key, number) for number, sig in store.signed_pages() for key in band_keys(sig).tolist())
    pages: dict[int, tuple[str, bytes]] = {}   # only pages that share a band with another
    parent: dict[int, int] = {}

    def root(number: int) -> int:
        while parent[number] != number:
            parent[number] = parent[parent[number]]
            number = parent[number]
        return number

    for bucket in store.shared_bands():
        for number in bucket:
            if number not in pages:
                pages[number] = store.signed_page(number)
                parent[number] = number
        for i, one in enumerate(bucket):
            for other in bucket[:i]:
                if root(one) != root(other) and linked(pages[one][1], pages[other][1]):
                    parent[root(one)] = root(other)
    store.forget_bands()
    members: dict[int, list[int]] = {}
    for number in pages:
        members.setdefault(root(number), []).append(number)
    groups = [Group(sorted(pages[n][0] for n in group), lowest_similarity([pages[n][1] for n in group]))
              for group in members.values() if len(group) > 1]
    return sorted(groups, key=lambda group: group.ids)


def lowest_similarity(signatures: list[bytes]) -> float:
    """The lowest, over any two of the signatures, of the larger of their two similarities."""
    return min(max(similarities(one, other)) for i, one in enumerate(signatures) for other in signatures[i + 1:])
