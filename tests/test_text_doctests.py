"""The Arabic examples in the docstrings of toolkit.text run and give what they show."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["__init__", "normalization", "tokens", "sentence_split", "segmentation", "stopwords"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(
        "toolkit.text" if name == "__init__" else f"toolkit.text.{name}"
    )
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
