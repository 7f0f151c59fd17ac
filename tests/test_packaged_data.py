"""The seed article the package ships is the shared original, byte for byte."""

from __future__ import annotations

from conftest import PACKAGED_SEED, SHARED_DATA, _need


def test_packaged_seed_is_the_shared_original():
    original = _need(SHARED_DATA / "seed_article.txt")
    assert PACKAGED_SEED.read_bytes() == original.read_bytes()


def test_packaged_seed_is_the_article():
    text = PACKAGED_SEED.read_text(encoding="utf-8")
    assert text.count("حفتر") == 10 and "وقف إطلاق النار" in text
