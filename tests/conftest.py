"""Shared fixtures: the real Arabic corpora in ``../shared/data`` (never copied here)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import pytest

try:
    import fcntl
except ImportError:  # not on Windows: each worker computes its own
    fcntl = None

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("ANTK_SHARED_DATA", ROOT.parent / "shared" / "data"))
#: the reason of every test skipped for want of a browser
NO_CHROMIUM = "no Chromium: apt-get install chromium (or run tools/ensure_chromium.sh), or set ANTK_CHROMIUM to a Chrome binary"
#: the seed article as the package ships it (toolkit/data/sample): tests on it never skip
PACKAGED_SEED = Path(str(resources.files("toolkit") / "data" / "sample" / "seed_article.txt"))


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(
            f"shared corpus not found at {path}: these tests read the project's shared data "
            "folder (../shared/data beside the clone, as CI lays it out); point "
            "ANTK_SHARED_DATA at a copy of it to run them"
        )
    return path


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The folder of shared corpora; tests using it skip when it is absent (or empty: its
    README.md, which describes every corpus, is missing)."""
    _need(SHARED_DATA / "README.md")
    return SHARED_DATA


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The founding article (Libya ceasefire talks, March 2020), exactly as given: the copy
    the package ships, so these tests run without ../shared (test_packaged_data checks it
    equals the shared original)."""
    return PACKAGED_SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def saudinewsnet_raw() -> Path:
    """The 18 daily SaudiNewsNet zips."""
    return _need(SHARED_DATA / "saudinewsnet" / "raw")


@pytest.fixture(scope="session")
def libya_jsonl() -> Path:
    """The 435 SaudiNewsNet articles about Libya, JSON Lines."""
    return _need(SHARED_DATA / "saudinewsnet" / "libya.jsonl")


@pytest.fixture(scope="session")
def wikinews_gold() -> Path:
    """WikiNews gold clitic segmentation (one word a line, ``+`` between segments)."""
    return _need(SHARED_DATA / "wikinews" / "WikiNews.pos.ref")


@pytest.fixture(scope="session")
def run_once(tmp_path_factory, worker_id) -> Callable[[str, Callable[[Path], None]], Path]:
    """``run_once(name, compute)`` runs ``compute(folder)`` once per test session, even across
    pytest-xdist workers, and returns the folder: the first worker to take the lock computes,
    the others wait and reuse its files (the pattern pytest-xdist documents)."""

    def once(name: str, compute: Callable[[Path], None]) -> Path:
        if worker_id == "master" or fcntl is None:
            folder = tmp_path_factory.mktemp(name)
            compute(folder)
            return folder
        folder = tmp_path_factory.getbasetemp().parent / name
        with open(f"{folder}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not (folder / "done").exists():
                shutil.rmtree(folder, ignore_errors=True)
                folder.mkdir()
                compute(folder)
                (folder / "done").touch()
        return folder

    return once


#: the parameters cell of the small notebooks the brief tests run (the brief's names)
PARAMETERS = """\
store = ""
corpus = ""
week = ""
date_from = ""
date_to = ""
actors = ""
sources = []
top_n = 10
lang = "ar"
title = ""
label = ""
"""
