"""How actors are described: the words and titles attached to each actor, scored by keyness.

:func:`labels` reads the mention table and, for every actor, collects

* ``context`` descriptors: the content words within ``window`` words of each mention, in
  the same sentence (stopwords, numbers, punctuation and other mentions left out), keyed
  by the word without its proclitics (``للقوات`` and ``القوات`` count together);
* ``title`` descriptors: title phrases in apposition — right before the mention
  (``الرئيس الفرنسي إيمانويل ماكرون``، ``المشير خليفة حفتر``) or right after it, with or
  without a comma (``طلال الميهوب رئيس لجنة الدفاع والأمن القومي``، ``لودريان وزير
  الخارجية الفرنسي``).

Each descriptor is scored with a signed log-likelihood G² (Dunning 1993): how much more
often it sits next to this actor than elsewhere in the same group of documents (all
documents, or one source / one ISO week with ``by=``). A positive score means the word is
typical of the actor's contexts. The G² is computed here (a 2×2 table) so that this module
depends on the mention table only.

Speed: given an analysis (:func:`toolkit.text.analyze`), nothing is tokenized again: the
documents holding a mention are read token by token from it, the others give their norms
joined by line breaks. Given a corpus, only documents holding a mention are analyzed token
by token (:func:`toolkit.text.document_tokens`); the others give only their words
(:func:`toolkit.text.words`). All words are counted at once by pyarrow (no string per
token from an analysis), and the segmenter is asked only about words that may lose a
prefix to a wanted key.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from functools import lru_cache
from itertools import accumulate, chain, compress
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from toolkit.actors.speech.lexicon import check_corpus, person_titles, strip_al
from toolkit.corpus import Corpus, iso_week
from toolkit.text import PROCLITICS, Analysis, document_tokens, normalize, tokenize
from toolkit.text import words as _words
from toolkit.text.analysis import KIND_CODE
from toolkit.text.stopwords import STOPWORDS

try:
    from toolkit.text import split_proclitics as _split
except ImportError:  # pragma: no cover - older toolkit.text
    _split = None


__all__ = ["LABEL_COLUMNS", "labels", "g2"]

#: the columns of :func:`labels` (a ``by`` column comes first when asked)
LABEL_COLUMNS = ["actor_id", "descriptor", "kind", "count", "docs", "score", "norm"]
_BY = (None, "source", "week")
# the kinds of tokens as the code characters of toolkit.text.analysis
_WORD = KIND_CODE["word"]
_PUNCT = KIND_CODE["punct"]
_IS_WORD = _WORD.__eq__
_TAKEN = frozenset(KIND_CODE[k] for k in ("word", "latin", "number"))  # what a window counts
#: the letters a proclitic prefix is written with (و ف ب ك ل س ا): a prefix that
#: split_proclitics cuts is made of these only, so a word starting with none is its own key
_PREFIX_LETTERS = "".join(sorted(set("".join(PROCLITICS))))


def g2(a: float, b: float, c: float, d: float) -> float:
    """Signed log-likelihood G² of a 2×2 table; positive when ``a/(a+b) > c/(c+d)``.

    ``a`` = the word in the target, ``b`` = other words in the target, ``c`` = the word in
    the reference, ``d`` = other words in the reference.

    >>> round(g2(10, 90, 10, 990), 2)
    22.91
    """
    n = a + b + c + d
    if n <= 0:
        return 0.0
    total = 0.0
    for obs, row, col in (
        (a, a + b, a + c),
        (b, a + b, b + d),
        (c, c + d, a + c),
        (d, c + d, b + d),
    ):
        exp = row * col / n
        if obs > 0 and exp > 0:
            total += obs * math.log(obs / exp)
    value = 2.0 * total
    p_target = a / (a + b) if a + b else 0.0
    p_ref = c / (c + d) if c + d else 0.0
    return value if p_target >= p_ref else -value


@lru_cache(maxsize=1)
def _titles() -> tuple[frozenset[str], frozenset[str]]:
    """Person titles of ``titles_ar.txt`` (not the places section): the single-word titles,
    and the first words of the multi-word ones."""
    single, first = set(), set()
    for words in person_titles():
        if len(words) == 1:
            single.add(words[0])
        else:
            first.add(words[0])
    return frozenset(single), frozenset(first)


@lru_cache(maxsize=100_000)
def _is_title(norm: str) -> bool:
    """A title word, with or without its proclitics (والوزير، بالرئيس)."""
    single, first = _titles()
    if norm in single or norm in first:
        return True
    key = _key(norm)
    return key in single or "ال" + key in single


@lru_cache(maxsize=200_000)
def _key(norm: str) -> str:
    """A word without its proclitics: the counting key of a descriptor."""
    if _split is None:  # a toolkit.text without split_proclitics: the article only
        return strip_al(norm)
    return _split(norm)[1] or norm


def _wanted_key(norm: str, wanted: set[str] | frozenset[str]) -> str | None:
    """``_key(norm)`` when it is in ``wanted``, else None, calling the segmenter only for
    words that may lose a prefix to a wanted key.

    The key is ``norm`` less a prefix of proclitic letters: ``norm`` itself when the word
    starts with none, else one of its first few suffixes. The empty word has no key here.
    """
    if not norm:
        return None
    run = len(norm) - len(norm.lstrip(_PREFIX_LETTERS))
    if not run:
        return norm if norm in wanted else None
    for i in range(min(run, len(norm) - 1) + 1):
        if norm[i:] in wanted:
            key = _key(norm)
            return key if key in wanted else None
    return None


def _check(mentions: object, window: object, by: object) -> None:
    if not isinstance(mentions, pd.DataFrame):
        raise TypeError(
            f"mentions must be the DataFrame of find_mentions(corpus, actors), "
            f"got {type(mentions).__name__}"
        )
    missing = [c for c in ("doc_id", "start", "end", "actor_id") if c not in mentions.columns]
    if missing:
        raise ValueError(f"mentions is missing the columns {missing} (see find_mentions)")
    if isinstance(window, bool) or not isinstance(window, int) or window < 1:
        raise ValueError(f"window must be a positive int (words each side), got {window!r}")
    if by not in _BY:
        raise ValueError(f"by must be one of {list(_BY)}, got {by!r}")


def _empty(by: str | None) -> pd.DataFrame:
    cols = ([by] if by else []) + LABEL_COLUMNS
    df = pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
    for c in ("count", "docs"):
        df[c] = df[c].astype("int64")
    df["score"] = df["score"].astype("float64")
    return df


def labels(
    corpus: Corpus | Analysis,
    mentions: pd.DataFrame,
    window: int = 3,
    by: str | None = None,
    min_count: int = 1,
) -> pd.DataFrame:
    """The descriptors attached to each actor, scored against the rest of the corpus.

    Parameters
    ----------
    corpus : Corpus or Analysis
        The corpus, or its :func:`toolkit.text.analyze` (read, not tokenized again).
    mentions : DataFrame
        The table of :func:`toolkit.actors.find_mentions` for this corpus.
    window : int
        Words on each side of a mention, inside its sentence (default 3).
    by : None, "source" or "week"
        Score within each source or ISO week (the reference is the rest of that group).
    min_count : int
        Leave out descriptors seen fewer times with the actor.

    Returns
    -------
    DataFrame with columns (``source`` or ``week`` first when ``by`` is given)
    ``actor_id, descriptor`` (as most often written, proclitics removed where the text
    allows), ``kind`` (``context`` | ``title``), ``count`` (times next to the actor),
    ``docs``, ``score`` (signed G², higher = more typical of the actor) and ``norm`` (the
    normalized key), sorted by group, actor and score.

    Example
    -------
    >>> from toolkit.corpus import sample
    >>> from toolkit.actors import find_mentions, load_libya_actors
    >>> c = sample()
    >>> lab = labels(c, find_mentions(c, load_libya_actors()))
    >>> "المشير" in set(lab.loc[lab.actor_id == "haftar", "descriptor"])
    True
    """
    analysis = corpus if isinstance(corpus, Analysis) else None
    if analysis is None:
        check_corpus(corpus)
    _check(mentions, window, by)
    if isinstance(min_count, bool) or not isinstance(min_count, int) or min_count < 1:
        raise ValueError(f"min_count must be a positive int, got {min_count!r}")
    if len(corpus) == 0 or len(mentions) == 0:
        return _empty(by)
    frame = corpus.frame
    need = {"week": "date", "source": "source"}.get(by)
    if need is not None and need not in frame.columns:
        raise ValueError(f"by={by!r} needs a {need!r} column, and these documents have none")
    if by == "week":
        groups = dict(
            zip(frame["doc_id"].astype(str), iso_week(frame["date"]).astype(object), strict=True)
        )
    elif by == "source":
        groups = dict(zip(frame["doc_id"].astype(str), frame["source"].astype(object), strict=True))
    else:
        groups = {}
    by_doc: dict[str, list[tuple]] = defaultdict(list)
    cols = ["doc_id", "start", "end", "actor_id"]
    extra = [c for c in ("actor_type", "via", "matched", "surface") if c in mentions.columns]
    # columns as lists: iterating the rows of string columns goes element by element
    for row in zip(*(mentions[c].tolist() for c in cols + extra), strict=True):
        info = dict(zip(extra, row[4:], strict=True))
        by_doc[str(row[0])].append((int(row[1]), int(row[2]), str(row[3]), info))

    # per actor: context keys, titles (a group value is the key, as given)
    ctx: dict[tuple[Any, str], Counter] = defaultdict(Counter)
    ctx_docs: dict[tuple[Any, str, str], set] = defaultdict(set)
    titles: dict[Any, Counter] = defaultdict(Counter)  # (actor, norm phrase) counts
    title_docs: dict[tuple[Any, str, str], set] = defaultdict(set)
    surfaces: dict[tuple[str, str], Counter] = defaultdict(Counter)

    # the words of every document, per group, counted at once by _count: a cached text
    # gives its joined norms and kind codes (no string per token), another its words;
    # and the words of mentions, which are no context: taken out of the totals
    word_parts: list[_Words] = []
    group_index: dict[Any, int] = {}
    group_values: list[Any] = []
    held: dict[int, Counter] = defaultdict(Counter)
    for i, (raw_id, raw_text) in enumerate(
        zip(frame["doc_id"].tolist(), frame["text"].tolist(), strict=True)
    ):
        doc_id = str(raw_id)
        ms = sorted(by_doc.get(doc_id, []))
        text = raw_text or ""
        g = groups.get(doc_id)
        gi = group_index.get(g)
        if gi is None:
            gi = group_index[g] = len(group_values)
            group_values.append(g)
            word_parts.append(_Words())
        if not ms or not text.strip():
            # documents without mentions still count in the reference: words only
            if analysis is not None:
                word_parts[gi].add_joined(*analysis.joined_norms(i))
            else:
                word_parts[gi].add(_word_norms(text))
            continue
        doc = analysis.document(i) if analysis is not None else document_tokens(text, doc_id)
        word_parts[gi].add(list(compress(doc.norms, map(_IS_WORD, doc.codes))))
        in_mentions = _one_document(
            text, doc, doc_id, g, ms, window, ctx, ctx_docs, titles, title_docs, surfaces
        )
        if in_mentions:
            held[gi].update(in_mentions)
    totals = _totals([w.count() for w in word_parts], group_values, held, ctx)
    del word_parts
    return _frame(_rows(ctx, ctx_docs, titles, title_docs, surfaces, totals, min_count), by)


def _rows(ctx, ctx_docs, titles, title_docs, surfaces, totals, min_count) -> list[tuple]:
    """``(group, actor_id, descriptor, kind, count, docs, score, norm)`` of every descriptor."""
    shown: dict[tuple[str, str], str] = {}  # (kind, key) -> display form, once per key

    def display(kind: str, key: str) -> str:
        hit = shown.get((kind, key))
        if hit is None:
            hit = shown[(kind, key)] = _display(surfaces[(kind, key)], key)
        return hit

    rows = []
    for (g, aid), counts in ctx.items():
        n_a = sum(counts.values())
        n_all = totals[g][None]
        for key, a in counts.items():
            if a < min_count:
                continue
            c = max(totals[g][key] - a, 0)
            score = g2(a, n_a - a, c, max(n_all - n_a - c, 0))
            rows.append(
                (
                    g,
                    aid,
                    display("context", key),
                    "context",
                    a,
                    len(ctx_docs[(g, aid, key)]),
                    score,
                    key,
                )
            )
    for g, counts in titles.items():
        n_all = sum(counts.values())
        per_actor: Counter = Counter()
        per_phrase: Counter = Counter()
        for (aid, key), a in counts.items():
            per_actor[aid] += a
            per_phrase[key] += a
        for (aid, key), a in counts.items():
            if a < min_count:
                continue
            n_a = per_actor[aid]
            c = per_phrase[key] - a
            score = g2(a, n_a - a, c, n_all - n_a - c)
            rows.append(
                (
                    g,
                    aid,
                    display("title", key),
                    "title",
                    a,
                    len(title_docs[(g, aid, key)]),
                    score,
                    key,
                )
            )
    return rows


def _display(forms: Counter, key: str) -> str:
    """The most frequent written form of a descriptor (ties: the shortest, then A-Z)."""
    if not forms:
        return key
    return min(forms.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0]


#: the Unicode blocks of the Arabic script (those of the tokenizer's Arabic letters)
_ARABIC_BLOCKS = (
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x0870, 0x08FF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
)


@lru_cache(maxsize=1)
def _arabic_first() -> tuple[frozenset[str], re.Pattern[str]]:
    """The characters of the Arabic blocks, and a pattern of the Arabic letters whose
    ``search`` form is empty or does not start with one of them (a few presentation forms
    of diacritics: ﹰ ﱞ ...).

    A word token starts with an Arabic letter, a latin token with a letter of another
    script, whose form never starts with an Arabic-block character. So in a text without
    the letters of the pattern, a word of :func:`toolkit.text.words` comes from a word
    token exactly when its first character is in the Arabic blocks.
    """
    chars = [chr(cp) for lo, hi in _ARABIC_BLOCKS for cp in range(lo, hi + 1)]
    arabic = frozenset(chars)
    unsure = []
    for ch in chars:
        if ch.isalpha() and ch != "\u0640":  # tatweel starts no word
            form = normalize(ch)
            if not form or form[0] not in arabic:
                unsure.append(re.escape(ch))
    return arabic, re.compile("[" + "".join(unsure) + "]" if unsure else "(?!)")


def _word_norms(text: str) -> list[str]:
    """The norms of the word tokens of ``text`` (``kind == "word"``), through the faster
    :func:`toolkit.text.words` when the kinds can be told from the first characters (see
    :func:`_arabic_first`)."""
    arabic, unsure = _arabic_first()
    if unsure.search(text) is None:
        return [w for w in _words(text) if w[:1] in arabic]
    doc = document_tokens(text)
    return list(compress(doc.norms, map(_IS_WORD, doc.codes)))


class _Words:
    """The words of a group of documents, gathered for one count (see :meth:`count`)."""

    def __init__(self) -> None:
        self.joined: list[str] = []  # analysed texts: norms joined by line breaks
        self.codes: list[str] = []  # ... and their kind codes
        self.lists: list[list[str]] = []  # other texts: their word norms

    def add(self, words: list[str]) -> None:
        """Add the word norms of a document."""
        self.lists.append(words)

    def add_joined(self, joined: str, codes: str) -> None:
        """Add a document as its norms joined by line breaks and its kind codes
        (:meth:`toolkit.text.Analysis.joined_norms`)."""
        if codes:  # a text without tokens adds nothing (not even an empty norm)
            self.joined.append(joined)
            self.codes.append(codes)

    def count(self) -> dict[str, int]:
        """``{word: count}``. The cached norms are split, kept where the code is a word's,
        and counted by pyarrow, in C: no string per token is made (counting millions of
        words one by one in a Counter takes seconds)."""
        flat = list(chain.from_iterable(self.lists))
        try:
            parts = [pa.array(flat, type=pa.large_string())]
            if self.joined:
                norms = pc.split_pattern(
                    pa.array(["\n".join(self.joined)], type=pa.large_string()), "\n"
                ).flatten()
                codes = "".join(self.codes)
                if len(norms) != len(codes):  # pragma: no cover - a norm never holds "\n"
                    raise ValueError("norms and kinds do not align")
                is_word = np.frombuffer(codes.encode("ascii"), dtype=np.uint8) == ord(_WORD)
                parts.append(norms.filter(pa.array(is_word)))
            counted = pc.value_counts(pa.concat_arrays(parts))
        except (pa.ArrowException, UnicodeError, ValueError):  # e.g. a lone surrogate
            out: Counter = Counter(flat)
            for joined, codes in zip(self.joined, self.codes, strict=True):
                out.update(compress(joined.split("\n"), map(_IS_WORD, codes)))
            return out
        return dict(
            zip(counted.field(0).to_pylist(), counted.field(1).to_pylist(), strict=True)
        )


def _totals(
    word_counts: list[dict[str, int]],
    group_values: list[Any],
    held: dict[int, Counter],
    ctx: dict[tuple[Any, str], Counter],
) -> dict:
    """Per group, the count of each context key among all content words (and the total).

    ``word_counts[i]``: the words of the documents of group ``group_values[i]``. A content
    word is a word (not a stopword) outside the mentions; a key is what is left of a word
    without its proclitics (see :func:`_wanted_key`).
    """
    keys: dict[Any, set[str]] = defaultdict(set)
    for (g, _), counts in ctx.items():
        keys[g].update(counts)
    stop = STOPWORDS
    totals: dict[Any, Counter] = defaultdict(Counter)
    for gi, g in enumerate(group_values):
        wanted = keys.get(g, set())
        minus = held.get(gi, {})
        out = totals[g]
        total = 0
        for norm, n in word_counts[gi].items():
            if minus:
                n -= minus.get(norm, 0)
            if not n or norm in stop:
                continue
            total += n
            key = _wanted_key(norm, wanted)
            if key is not None:
                out[key] += n
        out[None] = total  # None is never a key: the total
    return totals


def _sentence_range(starts: list[int], sent_ends: list[int], a: int) -> tuple[int, int]:
    """The tokens ``[lo, hi)`` of the sentence holding token ``a``: a token belongs to the
    first sentence ending after its start (to the last one when past every end), so a
    sentence holds the tokens starting from the previous sentence's end to its own."""
    last = len(sent_ends) - 1
    s = min(bisect_right(sent_ends, starts[a]), last)
    lo = bisect_left(starts, sent_ends[s - 1]) if s else 0
    hi = bisect_left(starts, sent_ends[s]) if s < last else len(starts)
    return lo, hi


def _owners(starts: list[int], ends: list[int], ms) -> tuple[list[int], set[int]]:
    """Which mention (index into ``ms``) holds each token, -1 for none; the held tokens.

    A token belongs to the first mention (in ``ms`` order) ending after its start, when
    the two overlap.
    """
    owner = [-1] * len(starts)
    held: set[int] = set()
    reach = list(accumulate((m[1] for m in ms), max))  # the farthest end so far
    n = len(ms)
    for s, e, *_ in ms:
        for j in range(bisect_right(ends, s), bisect_left(starts, e)):
            start = starts[j]
            k = bisect_right(reach, start)
            if k < n and ms[k][0] < ends[j] and start < ms[k][1]:
                owner[j] = k
                held.add(j)
    return owner, held



def _frame(rows: list[tuple], by: str | None) -> pd.DataFrame:
    """The label table of ``rows`` (from :func:`_rows`): by group, actor, score descending."""
    if not rows:
        return _empty(by)
    out = pd.DataFrame(rows, columns=["_g"] + LABEL_COLUMNS)
    sort = (["_g"] if by else []) + ["actor_id", "score", "count", "norm"]
    out = out.sort_values(sort, ascending=[True] * (len(sort) - 3) + [False, False, True])
    out = out.rename(columns={"_g": by}) if by else out.drop(columns="_g")
    return out.reset_index(drop=True)

def _one_document(
    text, doc, doc_id, g, ms, window, ctx, ctx_docs, titles, title_docs, surfaces
) -> list[str]:
    """Context words and titles of the mentions of one document; returns the words held
    by mentions (taken out of the totals).

    ``doc`` is the :class:`toolkit.text.DocumentTokens` of ``text``: kinds as code
    characters, no surfaces (a surface is sliced from the text when needed).
    """
    starts, ends, norms, kinds, spans = doc.starts, doc.ends, doc.norms, doc.codes, doc.sentences
    sent_ends = [e for _, e in spans]
    owner, held = _owners(starts, ends, ms)
    in_mentions = [norms[j] for j in held if kinds[j] == _WORD]
    stop = STOPWORDS

    first_tok: dict[int, int] = {}
    last_tok: dict[int, int] = {}
    for i in sorted(held):
        o = owner[i]
        first_tok.setdefault(o, i)
        last_tok[o] = i
    seen: dict[str, set[int]] = defaultdict(set)
    for mi, (_, _, aid, info) in enumerate(ms):
        if mi not in first_tok:
            continue
        is_person = info.get("actor_type", "person") == "person"
        a, b = first_tok[mi], last_tok[mi]
        lo, hi = _sentence_range(starts, sent_ends, a)
        # context words, `window` content-or-not words each side, same sentence
        seen_a = seen[aid]
        ctx_a = None
        for j, step in ((a - 1, -1), (b + 1, 1)):
            taken = 0
            while lo <= j < hi and taken < window:
                kind = kinds[j]
                if kind in _TAKEN:
                    taken += 1
                    if kind == _WORD and owner[j] < 0 and j not in seen_a:
                        norm = norms[j]
                        if norm not in stop:
                            seen_a.add(j)
                            key, form = _describe(text[starts[j] : ends[j]], norm)
                            if ctx_a is None:
                                ctx_a = ctx[(g, aid)]
                            ctx_a[key] += 1
                            ctx_docs[(g, aid, key)].add(doc_id)
                            surfaces[("context", key)][form] += 1
                j += step
        if not is_person:
            continue  # titles describe people: "رئيس لجنة ... في البرلمان" is not the parliament
        found = []
        for s_tok, e_tok in _appositions(text, starts, ends, norms, kinds, owner, lo, hi, a, b):
            cut = _clitic_length(text[starts[s_tok] : ends[s_tok]], norms[s_tok])
            found.append(text[starts[s_tok] + cut : ends[e_tok - 1]])
        found.extend(_titles_in_mention(info))
        for phrase in found:
            key = _phrase_key(phrase)
            if not key:
                continue
            titles[g][(aid, key)] += 1
            title_docs[(g, aid, key)].add(doc_id)
            surfaces[("title", key)][phrase] += 1
    return in_mentions


@lru_cache(maxsize=20_000)
def _phrase_key(phrase: str) -> str:
    """The normalized words of a title phrase, punctuation left out."""
    return " ".join(t.norm for t in tokenize(phrase) if t.kind != "punct")


@lru_cache(maxsize=200_000)
def _describe(surface: str, norm: str) -> tuple[str, str]:
    """The key of a context word and its written form without the dropped proclitics."""
    key = _key(norm)
    return key, _strip_surface(surface, norm, key)


def _strip_surface(surface: str, norm: str, key: str) -> str:
    """The written word without the proclitics its key dropped, when lengths allow it."""
    if len(surface) == len(norm) and norm.endswith(key) and len(key) < len(norm):
        cut = len(norm) - len(key)
        prefix = norm[:cut]
        # keep the article: القوات, not قوات, when the word had it
        if prefix.endswith("ال"):
            return "ال" + surface[cut:]
        if prefix.endswith("لل"):
            return "ال" + surface[cut:]
        return surface[cut:]
    return surface


def _clitic_length(surface: str, norm: str) -> int:
    """Characters of a conjunction or preposition in front of a title (والوزير -> 1)."""
    if len(surface) != len(norm):
        return 0
    prefix = norm[: len(norm) - len(_key(norm))]
    if prefix.endswith("لل"):
        return 0  # للرئيس: the article's alef is elided, keep the word whole
    if prefix.endswith("ال"):
        prefix = prefix[:-2]
    return len(prefix)


def _titles_in_mention(info: dict) -> list[str]:
    """Titles the matcher folded into a mention: a role, or ``title + name`` entries."""
    if info.get("via") == "role" and info.get("surface"):
        surface = str(info["surface"])
        first = tokenize(surface)
        cut = _clitic_length(first[0].text, first[0].norm) if first else 0
        return [surface[cut:]]  # والقائد العام ... -> القائد العام ...
    out = []
    matched = str(info.get("matched") or "")
    if " + " in matched:
        for part in matched.split(" + "):
            words = part.split()
            if words and _is_title(normalize(words[0], "search")):
                out.append(part)
    return out


def _appositions(text, starts, ends, norms, kinds, owner, lo, hi, a, b):
    """Title phrases right before token ``a`` or right after token ``b`` (token ranges),
    inside the sentence of token ``a`` (tokens ``[lo, hi)``)."""
    n_toks = len(norms)
    out = []
    # before: the farthest title within 6 words, nothing but content words in between; not
    # when the mention depends on the phrase (متحدث باسم حفتر، لقائد ...)
    j = a - 1
    start = None
    while (
        j >= lo
        and a - j <= 6
        and kinds[j] == _WORD
        and owner[j] < 0
        and (norms[j] not in STOPWORDS or _is_title(norms[j]))
    ):
        if _is_title(norms[j]):
            start = j
        j -= 1
    if start is not None and norms[a - 1] not in ("باسم", "بإسم"):
        out.append((start, a))
    # after: optional comma, then a title, up to punctuation / a stopword / a mention (6 words)
    j = b + 1
    if j < n_toks and kinds[j] == _PUNCT and norms[j] in (",", "،"):
        j += 1
    # (a title with a conjunction, والوزير after a name, is a second person)
    if (
        j < hi
        and kinds[j] == _WORD
        and _is_title(norms[j])
        and _clitic_length(text[starts[j] : ends[j]], norms[j]) == 0
    ):
        e = j
        while (
            e < hi
            and e - j < 6
            and kinds[e] == _WORD
            and owner[e] < 0
            and (e == j or norms[e] not in STOPWORDS)
        ):
            e += 1
        # a phrase ending on a genitive that the matcher took as a mention keeps that word out
        out.append((j, e))
    return out


# ------------------------------------------------------------------ kept per document
#: the columns of :func:`label_inputs`
LABEL_INPUT_COLUMNS = ["doc_id", "part", "actor_id", "kind", "key", "form", "count"]


def label_inputs(
    corpus: Corpus, mentions: pd.DataFrame, window: int = 3, *, words: bool = True
) -> pd.DataFrame:
    """What :func:`labels` sums, document by document, so that it can be computed once per
    document (and kept: ``toolkit.reports.kept``) and summed for any set of documents by
    :func:`labels_from_inputs`, which then gives exactly ``labels`` of those documents.

    Rows (columns :data:`LABEL_INPUT_COLUMNS`), by ``part``: ``seen`` — an actor's
    descriptor ``key`` of ``kind`` (``context`` | ``title``) seen ``count`` times in the
    document; ``form`` — a written ``form`` of a descriptor ``key`` (any actor); ``word`` —
    the document's content words outside mentions (stopwords left out), counted by key.
    With ``words=False``, ``held`` rows instead: the content words inside mentions, by key
    (to subtract from :func:`content_word_counts` of the same documents, which a store
    keeps by week: ``labels_from_inputs(inputs, words=...)``).

    >>> from toolkit.corpus import sample
    >>> from toolkit.actors import find_mentions
    >>> inputs = label_inputs(sample(), find_mentions(sample()))
    >>> sorted(set(inputs["part"]))
    ['form', 'seen', 'word']
    """
    check_corpus(corpus)
    _check(mentions, window, None)
    by_doc: dict[str, list[tuple]] = defaultdict(list)
    cols = ["doc_id", "start", "end", "actor_id"]
    extra = [c for c in ("actor_type", "via", "matched", "surface") if c in mentions.columns]
    for row in zip(*(mentions[c].tolist() for c in cols + extra), strict=True):
        info = dict(zip(extra, row[4:], strict=True))
        by_doc[str(row[0])].append((int(row[1]), int(row[2]), str(row[3]), info))
    rows: list[tuple] = []
    frame = corpus.frame
    for raw_id, raw_text in zip(frame["doc_id"].tolist(), frame["text"].tolist(), strict=True):
        doc_id, text = str(raw_id), raw_text or ""
        ms = sorted(by_doc.get(doc_id, []))
        held: Counter = Counter()
        if not ms or not text.strip():
            norms = _word_norms(text)
        else:
            doc = document_tokens(text)
            norms = list(compress(doc.norms, map(_IS_WORD, doc.codes)))
            ctx: dict = defaultdict(Counter)
            titles: dict = defaultdict(Counter)
            surfaces: dict = defaultdict(Counter)
            held.update(_one_document(text, doc, doc_id, None, ms, window, ctx,
                                      defaultdict(set), titles, defaultdict(set), surfaces))
            rows.extend((doc_id, "seen", aid, "context", key, None, n)
                        for (_g, aid), counts in ctx.items() for key, n in counts.items())
            rows.extend((doc_id, "seen", aid, "title", key, None, n)
                        for (aid, key), n in titles[None].items())
            rows.extend((doc_id, "form", None, kind, key, form, n)
                        for (kind, key), forms in surfaces.items() for form, n in forms.items())
        keyed: Counter = Counter()
        if words:
            for norm, n in Counter(norms).items():
                n -= held.get(norm, 0)
                if n and norm not in STOPWORDS:
                    keyed[_key(norm)] += n
        else:
            for norm, n in held.items():
                if norm not in STOPWORDS:
                    keyed[_key(norm)] += n
        part = "word" if words else "held"
        rows.extend((doc_id, part, None, None, key, None, n) for key, n in keyed.items())
    out = pd.DataFrame(rows, columns=LABEL_INPUT_COLUMNS)
    return out.astype({"count": "int64"})


def content_word_counts(texts: list[str]) -> pd.DataFrame:
    """The content words of ``texts`` (word tokens, stopwords left out) counted by key (the
    word without its proclitics, as :func:`labels` keys descriptors): columns ``key,
    count``, most frequent first. With the ``held`` rows of ``label_inputs(...,
    words=False)`` it gives what ``labels`` counts without reading the texts again.

    >>> content_word_counts(["وصل حفتر إلى باريس", "والحفتر"]).values.tolist()[:1]
    [['حفتر', 2]]
    """
    counts: Counter = Counter()
    for text in texts:
        counts.update(_word_norms(text or ""))
    keyed: Counter = Counter()
    for norm, n in counts.items():
        if norm not in STOPWORDS:
            keyed[_key(norm)] += n
    out = pd.DataFrame(sorted(keyed.items(), key=lambda kv: (-kv[1], kv[0])),
                       columns=["key", "count"])
    return out.astype({"count": "int64"})


def labels_from_inputs(
    inputs: pd.DataFrame, by: str | None = None, groups: dict[str, Any] | None = None,
    min_count: int = 1, *, words: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """:func:`labels` from the :func:`label_inputs` of the documents (concatenated, in the
    corpus's order): the same table. ``by`` with ``groups``: ``{doc_id: source or week}``.
    ``words`` (with ``by=None`` and inputs made with ``words=False``): the
    :func:`content_word_counts` of the same documents (summed over parts: ``key, count``).

    >>> from toolkit.corpus import sample
    >>> from toolkit.actors import find_mentions
    >>> m = find_mentions(sample())
    >>> labels_from_inputs(label_inputs(sample(), m)).equals(labels(sample(), m))
    True
    """
    if by not in _BY or (by is not None and groups is None):
        raise ValueError(f"by must be one of {list(_BY)} (with groups= when given), got {by!r}")
    if len(inputs) == 0 or not (inputs["part"] == "seen").any():
        return _empty(by)
    group_of = groups.get if by else (lambda _doc: None)
    ctx: dict[tuple[Any, str], Counter] = defaultdict(Counter)
    ctx_docs: dict[tuple[Any, str, str], set] = defaultdict(set)
    titles: dict[Any, Counter] = defaultdict(Counter)
    title_docs: dict[tuple[Any, str, str], set] = defaultdict(set)
    surfaces: dict[tuple[str, str], Counter] = defaultdict(Counter)
    totals: dict[Any, Counter] = defaultdict(Counter)
    part = inputs["part"].to_numpy()
    seen, forms = inputs[part == "seen"], inputs[part == "form"]
    held_apart = words is not None  # the words of the groups, the held words per document
    if not held_apart:
        words = inputs[part == "word"]
    if by is None:  # one group: summed by pandas (a document counts once per descriptor)
        summed = (seen.groupby(["kind", "actor_id", "key"], sort=False)
                  .agg(n=("count", "sum"), docs=("doc_id", "nunique")))
        for (kind, aid, key), n, docs in zip(summed.index.tolist(), summed["n"].tolist(),
                                             summed["docs"].tolist(), strict=True):
            if kind == "context":
                ctx[(None, aid)][key] = n
                ctx_docs[(None, aid, key)] = range(docs)  # only its size is read
            else:
                titles[None][(aid, key)] = n
                title_docs[(None, aid, key)] = range(docs)
    else:
        for doc_id, aid, kind, key, n in zip(*(seen[c].tolist() for c in (
                "doc_id", "actor_id", "kind", "key", "count")), strict=True):
            g = group_of(doc_id)
            if kind == "context":
                ctx[(g, aid)][key] += n
                ctx_docs[(g, aid, key)].add(doc_id)
            else:
                titles[g][(aid, key)] += n
                title_docs[(g, aid, key)].add(doc_id)
    summed = forms.groupby(["kind", "key", "form"], sort=False)["count"].sum()
    for (kind, key, form), n in zip(summed.index.tolist(), summed.tolist(), strict=True):
        surfaces[(kind, key)][form] = n
    wanted: dict[Any, set[str]] = defaultdict(set)
    for (g, _aid), counts in ctx.items():
        wanted[g].update(counts)
    if held_apart:
        if by is not None:
            raise ValueError("words= serves by=None only")
        held = inputs[part == "held"].groupby("key", sort=False)["count"].sum()
        summed = words.groupby("key", sort=False)["count"].sum()
        summed = summed.sub(held, fill_value=0).astype("int64")
        totals[None][None] = int(summed.sum())
        mine = summed[summed.index.isin(list(wanted[None]))]
        totals[None].update(dict(zip(mine.index.tolist(), mine.tolist(), strict=True)))
    elif by is None:
        summed = words.groupby("key", sort=False)["count"].sum()
        totals[None][None] = int(summed.sum())
        mine = summed[summed.index.isin(list(wanted[None]))]
        totals[None].update(dict(zip(mine.index.tolist(), mine.tolist(), strict=True)))
    else:
        for doc_id, key, n in zip(*(words[c].tolist() for c in ("doc_id", "key", "count")),
                                  strict=True):
            g = group_of(doc_id)
            totals[g][None] += n
            if key in wanted[g]:
                totals[g][key] += n
    return _frame(_rows(ctx, ctx_docs, titles, title_docs, surfaces, totals, min_count), by)
