"""Shared fixtures: the project's own seed copies, and ../shared (corpus, tools) when it is present."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "tools" / "score.py").is_file():
        pytest.skip(f"needs ../shared (the evaluation corpus and tools) beside the checkout; not found at {SHARED.name}/")
    return SHARED


@pytest.fixture(scope="session")
def corpus_dir(shared_dir: Path) -> Path:
    corpus = shared_dir / "corpus" / "dev"
    if not (corpus / "gold.jsonl").is_file():
        pytest.skip("needs ../shared/corpus/dev (the evaluation corpus); not found")
    return corpus
