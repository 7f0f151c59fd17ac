"""The seed article the package ships is the shared original, byte for byte."""

from __future__ import annotations

import hashlib

from conftest import PACKAGED_SEED, SHARED_DATA

#: SHA-256 of shared/data/seed_article.txt (``sha256sum``), so that a clone without the
#: shared folder still checks its copy
SEED_SHA256 = "ad8d3128cfa1731247e326414f88d7ca9a516bcd17309f57c57fee4beda3b3be"


def test_packaged_seed_is_the_shared_original():
    packaged = PACKAGED_SEED.read_bytes()
    assert hashlib.sha256(packaged).hexdigest() == SEED_SHA256
    original = SHARED_DATA / "seed_article.txt"
    if original.is_file():  # and, where the shared folder is, byte for byte
        assert packaged == original.read_bytes()


def test_packaged_seed_is_the_article():
    text = PACKAGED_SEED.read_text(encoding="utf-8")
    assert text.count("حفتر") == 10 and "وقف إطلاق النار" in text
