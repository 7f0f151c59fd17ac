"""What a *term* is: the per-document mapping from text to the strings that are counted.

A **term** is a word token of the document (``toolkit.text`` kind ``word``; more kinds with
``kinds=``), normalized with ``preset`` (default ``"search"``: diacritics and tatweel removed,
alef, alef maqsura, teh marbuta and hamza seats folded), whose attached proclitics
(و ف ب ك ل ال and their combinations) are stripped when the stem that remains is attested
(:func:`toolkit.text.split_proclitics`). So ``ليبيا``, ``وليبيا``, ``لليبيا``, ``بليبيا``
are one term, as are ``الجيش``, ``والجيش``, ``للجيش`` (``جيش``), while ``وزير`` or ``بوش``
stay whole. ``clitics="keep_article"`` strips the conjunctions and prepositions but keeps the
article (``وللجيش`` → ``الجيش``; the default of n-grams and collocations, whose phrases read
better with it: ``حكومه الوفاق``); ``clitics="keep"`` counts the normalized word as written;
``clitics="split"`` counts the proclitics as terms of their own too (the segmentation of
:func:`toolkit.text.segment`; bare clitics are then dropped from the rows like stopwords).

Every function here works on one document and returns plain Python objects, so the same
function can be mapped over partitions by a scheduler (``toolkit.scale``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from toolkit import text as _text
from toolkit.text.analysis import KIND_CODE as _KIND_CODE
from toolkit.text.segmentation import proclitic_lengths

#: accepted values of ``clitics``
CLITICS = ("strip", "keep_article", "keep", "split")
#: accepted values of ``preset`` (``toolkit.text.normalize``)
PRESETS = ("none", "light", "search", "aggressive")
#: token kinds of ``toolkit.text.tokenize``
KINDS = ("word", "number", "punct", "latin", "url", "email", "hashtag", "mention", "emoji")


@dataclass(frozen=True)
class TermOptions:
    """How documents become terms; shared by counts, n-grams, keyness, collocations, trends.

    ``stopwords``: ``True`` (drop the toolkit's list, ``toolkit.text.stopwords.STOPWORDS``,
    and the bare pronouns left when a preposition is stripped: ``بها`` → ``ها``),
    ``False`` (keep every term) or an iterable of words (that list, normalized with
    ``preset``; extend the default one with ``toolkit.text.stopwords.get_stopwords(extra=...)``).
    Stopwords are dropped from the *rows* of a table, never from the totals that shares
    and relative frequencies are divided by.

    >>> TermOptions(clitics="keep").clitics
    'keep'
    """

    preset: str = "search"
    clitics: str = "strip"
    stopwords: bool | frozenset[str] = True
    kinds: tuple[str, ...] = ("word", "latin")
    _stopset: frozenset[str] = field(default=frozenset(), init=False, repr=False, compare=False)
    # the word -> term memo of these options (see _mapper): it lives and dies with them,
    # so a call that makes its options has a per-call memo, and no text is kept globally
    _memo: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def __getstate__(self) -> dict:
        # sent to another process without the memo (rebuilt there as words come)
        state = dict(self.__dict__)
        state["_memo"] = {}
        return state

    def __setstate__(self, state: dict) -> None:
        for k, v in state.items():
            object.__setattr__(self, k, v)

    def __post_init__(self) -> None:
        if self.preset not in PRESETS:
            raise ValueError(f"preset={self.preset!r} is not one of {PRESETS}")
        if self.clitics not in CLITICS:
            raise ValueError(f"clitics={self.clitics!r} is not one of {CLITICS}")
        kinds = (self.kinds,) if isinstance(self.kinds, str) else tuple(self.kinds)
        bad = [k for k in kinds if k not in KINDS]
        if bad or not kinds:
            raise ValueError(f"kinds={self.kinds!r}: each kind must be one of {KINDS}")
        object.__setattr__(self, "kinds", kinds)
        sw = self.stopwords
        if sw is True:
            from toolkit.text.stopwords import STOPWORDS

            stopset = frozenset(STOPWORDS) | _PRONOUN_STEMS
        elif sw is False or sw is None:
            stopset = frozenset()
            sw = False
        elif isinstance(sw, str):
            raise TypeError(
                f"stopwords={sw!r}: give True, False or a list of words, not a single string"
            )
        else:
            stopset = frozenset(_text.normalize(w, preset=self.preset) for w in sw)
            sw = stopset
        object.__setattr__(self, "stopwords", sw)
        object.__setattr__(self, "_stopset", stopset)

    @property
    def stopset(self) -> frozenset[str]:
        """The stopwords actually dropped (search-normalized forms)."""
        return self._stopset

    def is_stopword(self, term: str) -> bool:
        """Whether ``term`` is dropped from tables (a stopword, or a bare clitic)."""
        return term in self._stopset or term in _BARE_CLITICS


# the first letters of every proclitic (و ف ب ك ل س ال), normalized or not
_CLITIC_INITIALS = frozenset("وفبكلساأإآ")

# what is left of بها, له, لهم, بنا ... once the preposition is stripped: pronouns, dropped
# with the default stopwords
_PRONOUN_STEMS = frozenset("ه ها هم هما هن ك كم كما كن نا ي ني".split())

# proclitics counted as terms with clitics="split" are never content words
_BARE_CLITICS = frozenset({"و", "ف", "ب", "ك", "ل", "ال", "لل", "س"})


def dropper(options: TermOptions) -> Callable[[str], bool] | None:
    """The row filter of a table: ``options.is_stopword``, or None when nothing is dropped."""
    if options.stopset or options.clitics == "split":
        return options.is_stopword
    return None


def make_options(options: TermOptions | None = None, **kwargs) -> TermOptions:
    """The :class:`TermOptions` of a call: ``options`` when given (it then wins over the
    keyword arguments), else options built from the keyword arguments that are not None.

    >>> make_options(clitics="keep").clitics
    'keep'
    """
    if options is not None:
        if not isinstance(options, TermOptions):
            raise TypeError(f"options={options!r} must be a TermOptions")
        return options
    return TermOptions(**{k: v for k, v in kwargs.items() if v is not None})


#: memoised words per options before the memo is emptied (bounds the memory of options
#: kept for a long session)
CACHE_LIMIT = 2_000_000


class _FirstTerm(dict):
    """Normalized word → its (first) term; a dict so that lookups of known words run in C."""

    __slots__ = ("mapper",)

    def __init__(self, mapper: _TermMapper) -> None:
        super().__init__()
        self.mapper = mapper

    def __missing__(self, word: str) -> str:
        if len(self) >= CACHE_LIMIT:
            self.clear()
        term = self[word] = self.mapper.compute(word)[0]
        return term

    def fill(self, words: Iterable[str]) -> None:
        """Compute the terms of the words not known yet, in one batch
        (:meth:`_TermMapper.first_terms`)."""
        todo = [w for w in dict.fromkeys(words) if w not in self]
        if not todo:
            return
        if len(self) + len(todo) >= CACHE_LIMIT:
            self.clear()  # the words known before come back through __missing__
        self.mapper.first_terms(todo, into=self)


class _TermMapper:
    """Word (normalized) → tuple of terms, memoised: memory grows with the vocabulary only."""

    __slots__ = ("clitics", "cache", "first")

    def __init__(self, clitics: str) -> None:
        self.clitics = clitics
        self.cache: dict[str, tuple[str, ...]] = {}
        self.first = _FirstTerm(self)

    def compute(self, word: str) -> tuple[str, ...]:
        clitics = self.clitics
        if clitics == "keep" or word[:1] not in _CLITIC_INITIALS:
            return (word,)  # no proclitic starts this word: skip the segmenter
        if clitics == "split":
            parts = _text.segment(word)
            if "" in parts:
                parts = [s for s in parts if s]
            return tuple(parts) or (word,)
        return (_stem_term(word, proclitic_lengths([word])[0], clitics),)

    def first_terms(self, words: list[str], into: dict[str, str] | None = None) -> dict[str, str]:
        """Word → its (first) term, for each of ``words``, added to ``into`` (a new dict by
        default). One batch: the words that may start with a proclitic go through
        :func:`toolkit.text.segmentation.proclitic_lengths`, the others are their own term."""
        out: dict[str, str] = {} if into is None else into
        clitics = self.clitics
        if clitics == "split":
            for w in words:
                out[w] = self.compute(w)[0]
            return out
        out.update(zip(words, words, strict=True))
        if clitics == "keep":
            return out
        initials = _CLITIC_INITIALS
        todo = [w for w in words if w[:1] in initials]  # the others have no proclitic
        if todo:
            for word, n in zip(todo, proclitic_lengths(todo), strict=True):
                if n:
                    out[word] = _stem_term(word, n, clitics)
        return out

    def __call__(self, word: str) -> tuple[str, ...]:
        if self.clitics != "split":
            return (self.first[word],)
        hit = self.cache.get(word)
        if hit is None:
            if len(self.cache) >= CACHE_LIMIT:
                self.cache.clear()
            hit = self.cache[word] = self.compute(word)
        return hit


def _stem_term(word: str, n: int, clitics: str) -> str:
    """The term of a normalized word whose first ``n`` letters are proclitics
    (:func:`toolkit.text.split_proclitics`), with clitics "strip" or "keep_article"."""
    if n >= len(word) or not n:
        return word  # no stem left, or no proclitic
    if clitics == "keep_article" and n >= 2 and word[n - 2 : n] in ("ال", "لل"):
        return "ال" + word[n:]  # لل is ل + the article whose alef is elided: restore it
    return word[n:]


def _mapper(options: TermOptions) -> _TermMapper:
    """The memoised word -> term mapping of ``options`` (made on first use, kept in them)."""
    m = options._memo.get("mapper")
    if m is None:
        m = options._memo["mapper"] = _TermMapper(options.clitics)
    return m


def remember_terms(options: TermOptions, words: Mapping[str, str]) -> TermOptions:
    """Seed the word → term memo of ``options`` with pairs counted earlier (by this toolkit
    version, with the same ``preset`` and ``clitics``: a store's kept counts), so that
    matching those words needs no segmenter; returns ``options``.

    >>> opts = remember_terms(TermOptions(), {"وليبيا": "ليبيا"})
    >>> word_terms("وليبيا", opts)
    ('ليبيا',)
    """
    if options.clitics == "split":
        raise ValueError("clitics='split' gives several terms per word: no single term")
    _mapper(options).first.update(words)
    return options


def word_terms(word: str, options: TermOptions | None = None) -> tuple[str, ...]:
    """The term(s) a single already-normalized word counts as.

    >>> word_terms("وليبيا")
    ('ليبيا',)
    """
    return _mapper(options or TermOptions())(word)


def normalize_term(term: str, options: TermOptions | None = None) -> tuple[str, ...]:
    """A user's query word or phrase as a sequence of terms (normalized, clitics handled).

    >>> normalize_term("وحفتر")
    ('حفتر',)
    """
    options = options or TermOptions()
    m = _mapper(options)
    out: list[str] = []
    for w in _text.words(term, preset=options.preset):
        out.extend(m(w))
    return tuple(out)


def _words(text: str | _text.DocumentTokens, options: TermOptions) -> list[str]:
    if isinstance(text, _text.DocumentTokens):  # an analysis of the same preset
        wanted = frozenset(_KIND_CODE[k] for k in options.kinds)
        return [n for n, c in zip(text.norms, text.codes, strict=True) if c in wanted]
    if options.kinds == ("word", "latin"):
        return _text.words(text, preset=options.preset)
    kinds = set(options.kinds)
    return [t.norm for t in _text.tokenize(text, preset=options.preset) if t.kind in kinds]


def document_terms(text: str | _text.DocumentTokens, options: TermOptions | None = None) -> list[str]:
    """Every term of one document, in order, stopwords included (they count in totals);
    ``text`` may be the document's :class:`toolkit.text.DocumentTokens` (same preset).

    >>> document_terms("وصل حفتر إلى باريس، واجتمع بماكرون.")
    ['وصل', 'حفتر', 'الي', 'باريس', 'اجتمع', 'ماكرون']
    """
    options = options or TermOptions()
    if not text:
        return []
    m = _mapper(options)
    words = _words(text, options)
    if options.clitics == "split":
        out: list[str] = []
        for w in words:
            out.extend(m(w))
        return out
    return list(map(m.first.__getitem__, words))


class _FormTerm(dict):
    """Written (light-normalized) word → its term, memoised."""

    __slots__ = ("preset", "first")

    def __init__(self, preset: str, first: _FirstTerm) -> None:
        super().__init__()
        self.preset = preset
        self.first = first

    def __missing__(self, form: str) -> str:
        if len(self) >= CACHE_LIMIT:
            self.clear()
        term = self[form] = self.first[_text.normalize(form, preset=self.preset)]
        return term


def _form_terms(options: TermOptions) -> _FormTerm:
    ft = options._memo.get("forms")
    if ft is None:
        ft = options._memo["forms"] = _FormTerm(options.preset, _mapper(options).first)
    return ft


def _form_preset(preset: str) -> str:
    return "none" if preset == "none" else "light"


def forms_to_terms(forms: list[str], options: TermOptions | None = None) -> list[str]:
    """The term of each written form (``لحكومة`` → ``حكومه``), many at once: the forms not
    seen before are normalized in one call, not one by one.

    >>> forms_to_terms(["لحكومة", "الوفاق"])
    ['حكومه', 'وفاق']
    """
    options = options or TermOptions()
    ft = _form_terms(options)
    new = [f for f in forms if f not in ft]
    if new and options.preset != "none":
        normed = _text.normalize("\n".join(new), preset=options.preset).split("\n")
        if len(normed) == len(new):  # a form never holds a line break, nor gains one
            if len(ft) + len(new) >= CACHE_LIMIT:
                ft.clear()
            first = ft.first
            first.fill(normed)  # the words never seen, in one batch
            terms = list(map(first.__getitem__, normed))
            ft.update(zip(new, terms, strict=True))
            if len(new) == len(forms):
                return terms  # every form was new: new is forms
    return list(map(ft.__getitem__, forms))


def forms_path(options: TermOptions) -> bool:
    """Whether documents are counted as written forms mapped to terms (one term per
    word, the default kinds): the fast path, which also gives display forms."""
    return options.clitics != "split" and options.kinds == ("word", "latin")


def document_forms(text: str, options: TermOptions | None = None) -> list[str]:
    """The written forms of one document's words (``light`` normalization; see
    :func:`document_terms_forms`); :func:`forms_to_terms` turns them into its terms.

    >>> document_forms("لحكومة الوفاق")
    ['لحكومة', 'الوفاق']
    """
    options = options or TermOptions()
    return _text.words(text, preset=_form_preset(options.preset)) if text else []


def document_terms_forms(
    text: str, options: TermOptions | None = None
) -> tuple[list[str], list[str]]:
    """The terms of one document and their written forms (same order), for display labels.

    The written form is the word with only the ``light`` normalization (tatweel and
    invisible marks gone, spelling kept), so a table can show ``الحكومة`` for the term
    ``حكومه``; :func:`forms_to_terms` maps forms back to their terms. One pass of the tokenizer
    serves both. With ``clitics="split"`` or extra ``kinds`` no forms are given.

    >>> document_terms_forms("لحكومة الوفاق")
    (['حكومه', 'وفاق'], ['لحكومة', 'الوفاق'])
    """
    options = options or TermOptions()
    if not forms_path(options):
        return document_terms(text, options), []
    forms = document_forms(text, options)
    return forms_to_terms(forms, options), forms


def document_runs(text: str | _text.DocumentTokens, options: TermOptions | None = None) -> list[list[str]]:
    """The terms of one document cut into runs that n-grams and word pairs may not cross.

    A run ends at a sentence boundary (:func:`toolkit.text.sentences`), at punctuation and at
    any token whose kind is not counted (a number, a URL, ...). ``text`` may be the
    document's :class:`toolkit.text.DocumentTokens` (from an analysis of the same preset):
    then nothing is tokenized.

    >>> document_runs("وصل حفتر إلى باريس، واجتمع بماكرون.")
    [['وصل', 'حفتر', 'الي', 'باريس'], ['اجتمع', 'ماكرون']]
    """
    options = options or TermOptions()
    doc = text if isinstance(text, _text.DocumentTokens) else None
    if doc is None:
        if not text:
            return []
        doc = _text.document_tokens(text, preset=options.preset)
    m = _mapper(options)
    wanted = frozenset(_KIND_CODE[k] for k in options.kinds)
    ends = [e for _s, e in doc.sentences]
    runs: list[list[str]] = []
    current: list[str] = []
    si = 0
    for start, norm, code in zip(doc.starts, doc.norms, doc.codes, strict=True):
        while si < len(ends) and start >= ends[si]:
            si += 1
            if current:
                runs.append(current)
                current = []
        if code not in wanted or not norm:
            if current:
                runs.append(current)
                current = []
            continue
        current.extend(m(norm))
    if current:
        runs.append(current)
    return runs
