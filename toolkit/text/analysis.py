"""The one public analysis of a corpus: every token and sentence, with offsets, computed once.

:func:`analyze` tokenizes each document once (:func:`toolkit.text.tokenize`) and splits its
sentences from the same tokens (:func:`toolkit.text.sentences`); the result, an
:class:`Analysis`, is accepted in place of a corpus by the table functions
(``toolkit.frequency``, ``toolkit.actors.labels()``, ...), so a notebook analyses once and
passes the analysis on, as spaCy's ``Doc`` or quanteda's ``tokens``.

Tables (``pandas.DataFrame``, built when first read):

- :attr:`Analysis.tokens` — ``doc_id, sentence, start, end, surface, norm, kind``: one row
  per token; ``start``/``end`` slice the document's original text to ``surface``;
  ``sentence`` is the 0-based number of the sentence holding the token in its document.
- :attr:`Analysis.sentences` — ``doc_id, sentence, start, end``.
- :attr:`Analysis.documents` — the corpus frame (``doc_id``, ``text`` and the metadata).

doc_id: a Corpus (or a frame with a ``doc_id`` column) keeps its ``doc_id``; plain texts
(a string, a list of strings, a frame without ``doc_id``) are numbered by position,
``"0"``, ``"1"``, ... (:func:`text_doc_ids`): the one rule of every table function.

The analysis belongs to the caller: nothing is cached by text, and it goes away with the
object. Per document it holds the offsets as integer arrays, the norms joined by line
breaks and the kinds as one character per token (:data:`KIND_CODE`), compact on purpose
(a list of Python objects per token would take several times the memory).

>>> a = analyze(["قال ماكرون. ثم غادر"])
>>> a.tokens[["doc_id", "sentence", "surface", "kind"]].values.tolist()
[['0', 0, 'قال', 'word'], ['0', 0, 'ماكرون', 'word'], ['0', 0, '.', 'punct'], ['0', 1, 'ثم', 'word'], ['0', 1, 'غادر', 'word']]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from toolkit.text.normalization import check_preset, check_text
from toolkit.text.sentence_split import _split
from toolkit.text.tokens import CODE_KIND as _CODE_KIND
from toolkit.text.tokens import KIND_CODE, _compact

__all__ = [
    "KIND_CODE",
    "Analysis",
    "DocumentTokens",
    "analyze",
    "document_tokens",
    "is_analysis",
    "text_doc_ids",
]

TOKEN_COLUMNS = ["doc_id", "sentence", "start", "end", "surface", "norm", "kind"]
SENTENCE_COLUMNS = ["doc_id", "sentence", "start", "end"]


def text_doc_ids(n: int) -> list[str]:
    """The doc_id of plain texts, by position: ``"0"``, ``"1"``, ... (the one rule).

    >>> text_doc_ids(3)
    ['0', '1', '2']
    """
    return [str(i) for i in range(n)]


class DocumentTokens(NamedTuple):
    """The analysis of one document as parallel lists (no object per token).

    ``starts[i]:ends[i]`` slices ``text`` to token ``i``; ``norms[i]`` its normalized
    form; ``codes[i]`` its kind as a :data:`KIND_CODE` character; ``sentences`` the
    ``(start, end)`` of each sentence.
    """

    doc_id: str
    text: str
    starts: list[int]
    ends: list[int]
    norms: list[str]
    codes: str
    sentences: list[tuple[int, int]]

    @property
    def kinds(self) -> list[str]:
        """The kind of each token (``word``, ``punct``, ...)."""
        return list(map(_CODE_KIND.__getitem__, self.codes))

    @property
    def surfaces(self) -> list[str]:
        """The surface of each token, sliced from the text."""
        return list(map(self.text.__getitem__, map(slice, self.starts, self.ends)))


def _analyze_text(text: str, preset: str) -> tuple:
    """What :class:`Analysis` keeps of one document: ``starts, ends`` (arrays of C ints),
    the norms joined by line breaks, the kind codes and the sentences."""
    starts, ends, surfaces, joined, codes = _compact(text, preset)
    if not surfaces:
        return starts, ends, "", "", ()
    sents = tuple(_split(text, starts, ends, surfaces, codes, offsets=True))
    return starts, ends, joined, codes, sents


def document_tokens(text: str, doc_id: str = "0", preset: str = "search") -> DocumentTokens:
    """The analysis of one text (what :func:`analyze` keeps per document), uncached.

    >>> d = document_tokens("قال ماكرون. نعم")
    >>> d.norms, d.kinds[2], d.sentences
    (['قال', 'ماكرون', '.', 'نعم'], 'punct', [(0, 11), (12, 15)])
    """
    check_text(text)
    check_preset(preset)
    starts, ends, joined, codes, sents = _analyze_text(text, preset)
    if not codes:
        return DocumentTokens(doc_id, text, [], [], [], "", [])
    return DocumentTokens(
        doc_id, text, starts.tolist(), ends.tolist(), joined.split("\n"), codes, list(sents)
    )


class Analysis:
    """Tokens and sentences of every document of a corpus (see :func:`analyze`).

    ``len(analysis)`` is the number of documents; iterating gives one
    :class:`DocumentTokens` per document, in corpus order.
    """

    def __init__(self, documents: pd.DataFrame, entries: list[tuple], preset: str) -> None:
        self.documents = documents
        self.preset = preset
        self._entries = entries
        self._ids = documents["doc_id"].astype(str).tolist()
        self._texts = [t if isinstance(t, str) else "" for t in documents["text"].tolist()]
        self._tokens: pd.DataFrame | None = None
        self._sentences: pd.DataFrame | None = None

    # -- the corpus side: what a corpus gives (frequency reads .frame) -------------------
    @property
    def frame(self) -> pd.DataFrame:
        """The corpus frame (doc_id, text, metadata): an analysis reads like its corpus."""
        return self.documents

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"<Analysis: {len(self)} documents, {self.token_count} tokens, preset={self.preset!r}>"

    @property
    def token_count(self) -> int:
        """The number of tokens of all documents (the rows of :attr:`tokens`), without
        building the table.

        >>> analyze(["قال ماكرون.", "نعم"]).token_count
        4
        """
        return sum(len(e[0]) for e in self._entries)

    @property
    def doc_ids(self) -> list[str]:
        """The doc_id of every document, in order."""
        return list(self._ids)

    def document(self, i: int) -> DocumentTokens:
        """The analysis of document number ``i`` (its position in the corpus)."""
        starts, ends, norms, codes, sents = self._entries[i]
        return DocumentTokens(
            self._ids[i],
            self._texts[i],
            starts.tolist(),
            ends.tolist(),
            norms.split("\n") if codes else [],
            codes,
            list(sents),
        )

    def __iter__(self) -> Iterator[DocumentTokens]:
        for i in range(len(self._entries)):
            yield self.document(i)

    def joined_norms(self, i: int) -> tuple[str, str]:
        """The norms of document ``i`` joined by line breaks, and its kind codes: for
        counting in bulk without a string per token."""
        e = self._entries[i]
        return e[2], e[3]

    # -- the tidy tables -----------------------------------------------------------------
    @property
    def sentences(self) -> pd.DataFrame:
        """``doc_id, sentence, start, end`` of every sentence."""
        if self._sentences is None:
            counts = [len(e[4]) for e in self._entries]
            flat = [s for e in self._entries for s in e[4]]
            bounds = np.asarray(flat, dtype=np.int64).reshape(-1, 2)
            self._sentences = pd.DataFrame(
                {
                    "doc_id": np.repeat(np.asarray(self._ids, dtype=object), counts),
                    "sentence": _numbering(counts),
                    "start": bounds[:, 0],
                    "end": bounds[:, 1],
                }
            )
        return self._sentences

    @property
    def tokens(self) -> pd.DataFrame:
        """``doc_id, sentence, start, end, surface, norm, kind`` of every token."""
        if self._tokens is None:
            self._tokens = self._token_frame()
        return self._tokens

    def _token_frame(self) -> pd.DataFrame:
        entries = self._entries
        counts = [len(e[0]) for e in entries]
        if not sum(counts):
            return pd.DataFrame(
                {
                    c: pd.Series([], dtype="int64" if c in ("sentence", "start", "end") else object)
                    for c in TOKEN_COLUMNS
                }
            )
        starts = np.concatenate([e[0] for e in entries]).astype(np.int64)
        ends = np.concatenate([e[1] for e in entries]).astype(np.int64)
        sentence = np.empty(len(starts), dtype=np.int64)
        at = 0
        for e, n in zip(entries, counts, strict=True):
            if n:
                sent_ends = np.asarray([b for _a, b in e[4]], dtype=np.int64)
                s = np.searchsorted(sent_ends, starts[at : at + n], side="right")
                sentence[at : at + n] = np.minimum(s, len(sent_ends) - 1)
            at += n
        norms = "\n".join(e[2] for e in entries if e[3]).split("\n")
        codes = "".join(e[3] for e in entries)
        surfaces = []
        for text, e in zip(self._texts, entries, strict=True):
            surfaces.extend(map(text.__getitem__, map(slice, e[0].tolist(), e[1].tolist())))
        kinds = list(map(_CODE_KIND.__getitem__, codes))
        return pd.DataFrame(
            {
                "doc_id": np.repeat(np.asarray(self._ids, dtype=object), counts),
                "sentence": sentence,
                "start": starts,
                "end": ends,
                "surface": surfaces,
                "norm": norms,
                "kind": kinds,
            }
        )


def _numbering(counts: Sequence[int]) -> np.ndarray:
    """0, 1, ... within each run of ``counts``: the sentence number in its document."""
    total = int(sum(counts))
    if not total:
        return np.zeros(0, dtype=np.int64)
    firsts = np.repeat(np.cumsum([0, *counts[:-1]]), counts)
    return np.arange(total, dtype=np.int64) - firsts


def is_analysis(obj: Any) -> bool:
    """Whether ``obj`` is an :class:`Analysis`."""
    return isinstance(obj, Analysis)


def _frame_of(corpus: Any) -> pd.DataFrame:
    """The documents of whatever the caller holds, as a frame with ``doc_id`` and ``text``."""
    frame = corpus if isinstance(corpus, pd.DataFrame) else getattr(corpus, "frame", None)
    if isinstance(frame, pd.DataFrame):
        if "text" not in frame.columns:
            raise ValueError(
                f"the corpus frame has no 'text' column (columns: {list(frame.columns)})"
            )
        if "doc_id" not in frame.columns:
            frame = frame.assign(doc_id=text_doc_ids(len(frame)))
        return frame
    if isinstance(corpus, str):
        corpus = [corpus]
    if not isinstance(corpus, Iterable):
        raise TypeError(
            f"analyze() got {type(corpus).__name__}: give a Corpus, a DataFrame with a "
            "'text' column, a list of strings or one string"
        )
    texts = list(corpus)
    for i, t in enumerate(texts):
        if not isinstance(t, str):
            raise TypeError(
                f"text #{i} is a {type(t).__name__}, not a str: give a Corpus for documents "
                "with metadata (toolkit.corpus.Corpus.from_records)"
            )
    return pd.DataFrame({"doc_id": text_doc_ids(len(texts)), "text": texts})


def analyze(corpus_or_texts: Any, preset: str = "search") -> Analysis:
    """Tokenize every document once and split its sentences: the public analysis.

    ``corpus_or_texts``: a :class:`toolkit.corpus.Corpus`, a DataFrame with a ``text``
    column, a list of strings or one string (an :class:`Analysis` is returned as is when
    its preset matches). ``preset`` names the normalization of the ``norm`` column
    (:func:`toolkit.text.normalize`). Memory: some 20 bytes per token, plus the texts,
    which the corpus holds anyway.

    >>> a = analyze("وصل حفتر إلى باريس. واجتمع بماكرون")
    >>> a.sentences[["sentence", "start", "end"]].values.tolist()
    [[0, 0, 19], [1, 20, 34]]
    >>> a.tokens.loc[a.tokens.kind == "word", "norm"].tolist()[:3]
    ['وصل', 'حفتر', 'الي']
    """
    check_preset(preset)
    if isinstance(corpus_or_texts, Analysis):
        if corpus_or_texts.preset == preset:
            return corpus_or_texts
        corpus_or_texts = corpus_or_texts.documents
    frame = _frame_of(corpus_or_texts)
    entries = []
    for i, text in enumerate(frame["text"].tolist()):
        if text is None or (isinstance(text, float) and text != text):
            text = ""
        check_text(text, f"text of document #{i}")
        entries.append(_analyze_text(text, preset))
    return Analysis(frame, entries, preset)
