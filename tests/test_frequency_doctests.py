"""The Arabic examples in the docstrings of toolkit.frequency run and give what they show."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "stats",
    "terms",
    "source",
    "counts",
    "document_counts",
    "ngram_counts",
    "key_terms",
    "word_pairs",
    "concordance",
    "over_time",
    "week_counts",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(f"toolkit.frequency.{name}")
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0, f"toolkit.frequency.{name} has no example"
    assert result.failed == 0
