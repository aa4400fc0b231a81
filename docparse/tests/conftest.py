"""Shared fixtures.  Corpus texts are read from the shared folder, never copied into the project."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("KHCN_SHARED_DIR") or REPO.parent / "shared")
CORPUS = SHARED / "corpus"
SEED = SHARED / "seed" / "001_502e5f425bf228fa.txt"


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"seed plan not found at {SEED}")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def corpus_files() -> list[Path]:
    files = sorted((CORPUS / "raw").glob("*.txt"))
    if not files:
        pytest.skip(f"corpus not found at {CORPUS}")
    return files
