"""The Arabic examples in the docstrings of toolkit.corpus run and give what they show."""

from __future__ import annotations

import doctest
import importlib

import pandas as pd
import pytest

import toolkit.corpus as tc
from toolkit.corpus.fields import resolve_fields
from toolkit.corpus.model import Document

MODULES = [
    "errors",
    "hashing",
    "dates",
    "fields",
    "records",
    "model",
    "embedded",
    "load",
    "store",
    "datasets",
    "encoding",
    "readers",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(f"toolkit.corpus.{name}")
    names = {
        "pd": pd,
        "sample": tc.sample,
        "Corpus": tc.Corpus,
        "Document": Document,
        "resolve_fields": resolve_fields,
    }
    result = doctest.testmod(module, extraglobs=names, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
