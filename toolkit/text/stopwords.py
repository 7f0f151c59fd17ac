"""MSA stopwords for Arabic news: function words, particles, pronouns, reporting fillers.

The list lives in ``toolkit/data/stopwords_ar.txt`` (one entry a line, ``#``
comments), written in standard spelling and normalized here with the
``search`` preset, so it matches :func:`toolkit.text.words` output directly.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib.resources import files

from toolkit.text.normalization import normalize

__all__ = ["STOPWORDS", "get_stopwords", "load_stopwords"]


def load_stopwords(path: str | None = None, preset: str = "search") -> frozenset[str]:
    """Read a stopword file (one entry a line, ``#`` comments) and normalize its entries.

    Without ``path``, the list shipped with the package.

    >>> "الذي" in load_stopwords()
    True
    """
    if path is None:
        raw = files("toolkit").joinpath("data", "stopwords_ar.txt").read_text(encoding="utf-8")
    else:
        with open(path, encoding="utf-8") as fh:
            raw = fh.read()
    out = set()
    for line in raw.splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            out.add(normalize(entry, preset))
    return frozenset(out)


#: the shipped list, search-normalized (أن, ان and إن are all ``ان``)
STOPWORDS: frozenset[str] = load_stopwords()


def get_stopwords(
    extra: Iterable[str] = (), remove: Iterable[str] = (), preset: str = "search"
) -> frozenset[str]:
    """The shipped stopwords plus ``extra`` minus ``remove`` (both normalized with ``preset``).

    >>> sw = get_stopwords(extra=["ليبيا"], remove=["قال"])
    >>> "ليبيا" in sw, "قال" in sw
    (True, False)
    """
    for name, value in (("extra", extra), ("remove", remove)):
        if isinstance(value, str):
            raise TypeError(f"{name} must be an iterable of words, not a single str: {value!r}")
    base = STOPWORDS if preset == "search" else load_stopwords(preset=preset)
    add = {normalize(w, preset) for w in extra}
    drop = {normalize(w, preset) for w in remove}
    return frozenset((base | add) - drop)
