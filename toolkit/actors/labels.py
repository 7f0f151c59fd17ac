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
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import lru_cache
from itertools import accumulate
from operator import attrgetter
from typing import Any

import pandas as pd

from toolkit.actors._speech import analyze, paused_gc
from toolkit.actors.quotes import check_corpus, person_titles, strip_al
from toolkit.corpus import Corpus, iso_week
from toolkit.text import normalize, tokenize
from toolkit.text.stopwords import STOPWORDS

try:
    from toolkit.text import split_proclitics as _split
except ImportError:  # pragma: no cover - older toolkit.text
    _split = None

__all__ = ["LABEL_COLUMNS", "labels", "g2"]

#: the columns of :func:`labels` (a ``by`` column comes first when asked)
LABEL_COLUMNS = ["actor_id", "descriptor", "kind", "count", "docs", "score", "norm"]
_BY = (None, "source", "week")
_NORM = attrgetter("norm")
_KIND = attrgetter("kind")


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
def _titles() -> tuple[frozenset[str], frozenset[tuple[str, ...]]]:
    """Person titles of ``titles_ar.txt`` (not the places section): single words, phrases."""
    single, multi = set(), set()
    for words in person_titles():
        if len(words) == 1:
            single.add(words[0])
        else:
            multi.add(words)
    return frozenset(single), frozenset(multi)


def _is_title(norm: str) -> bool:
    """A title word, with or without its proclitics (والوزير، بالرئيس)."""
    single, multi = _titles()
    if norm in single or any(m[0] == norm for m in multi):
        return True
    key = _key(norm)
    return key in single or "ال" + key in single


@lru_cache(maxsize=200_000)
def _key(norm: str) -> str:
    """A word without its proclitics: the counting key of a descriptor."""
    if _split is None:  # a toolkit.text without split_proclitics: the article only
        return strip_al(norm)
    return _split(norm)[1] or norm


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
    corpus: Corpus,
    mentions: pd.DataFrame,
    window: int = 3,
    by: str | None = None,
    min_count: int = 1,
) -> pd.DataFrame:
    """The descriptors attached to each actor, scored against the rest of the corpus.

    Parameters
    ----------
    corpus : Corpus
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
    >>> from toolkit.actors import find_mentions, load_default_actors
    >>> c = sample()
    >>> lab = labels(c, find_mentions(c, load_default_actors()))
    >>> "المشير" in set(lab.loc[lab.actor_id == "haftar", "descriptor"])
    True
    """
    check_corpus(corpus)
    _check(mentions, window, by)
    if isinstance(min_count, bool) or not isinstance(min_count, int) or min_count < 1:
        raise ValueError(f"min_count must be a positive int, got {min_count!r}")
    if len(corpus) == 0 or len(mentions) == 0:
        return _empty(by)
    frame = corpus.frame
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
    for row in mentions[cols + extra].itertuples(index=False, name=None):
        info = dict(zip(extra, row[4:], strict=True))
        by_doc[str(row[0])].append((int(row[1]), int(row[2]), str(row[3]), info))

    # per group: totals of every key, per actor: context keys, titles
    totals: dict[Any, Counter] = defaultdict(Counter)
    ctx: dict[tuple[Any, str], Counter] = defaultdict(Counter)
    ctx_docs: dict[tuple[Any, str, str], set] = defaultdict(set)
    titles: dict[Any, Counter] = defaultdict(Counter)  # (actor, norm phrase) counts
    title_docs: dict[tuple[Any, str, str], set] = defaultdict(set)
    surfaces: dict[tuple[str, str], Counter] = defaultdict(Counter)

    # content words of every document, as normalized words (keyed at the end, see _totals)
    words: dict[Any, Counter] = defaultdict(Counter)
    with paused_gc():
        for doc in corpus:
            doc_id = str(doc.doc_id)
            ms = sorted(by_doc.get(doc_id, []))
            text = doc.text or ""
            g = groups.get(doc_id)
            if not ms or not text.strip():
                # documents without mentions still count in the reference
                words[g].update(_pairs(analyze(text)[0]))
                continue
            _one_document(
                text, doc_id, g, ms, window, words, ctx, ctx_docs, titles, title_docs, surfaces
            )
    totals = _totals(words, ctx)

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
                    _display(surfaces[("context", key)], key),
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
                    _display(surfaces[("title", key)], key),
                    "title",
                    a,
                    len(title_docs[(g, aid, key)]),
                    score,
                    key,
                )
            )
    if not rows:
        return _empty(by)
    out = pd.DataFrame(rows, columns=["_g"] + LABEL_COLUMNS)
    sort = (["_g"] if by else []) + ["actor_id", "score", "count", "norm"]
    out = out.sort_values(sort, ascending=[True] * (len(sort) - 3) + [False, False, True])
    out = out.rename(columns={"_g": by}) if by else out.drop(columns="_g")
    return out.reset_index(drop=True)


def _display(forms: Counter, key: str) -> str:
    """The most frequent written form of a descriptor (ties: the shortest, then A-Z)."""
    if not forms:
        return key
    return sorted(forms.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0][0]


def _counted(t) -> bool:
    """A token counted in the totals: an Arabic word, not a stopword."""
    return t.kind == "word" and t.norm not in STOPWORDS


def _pairs(toks) -> Iterator[tuple[str, str]]:
    """``(norm, kind)`` of every token (counted in C; :func:`_totals` keeps the words)."""
    return zip(map(_NORM, toks), map(_KIND, toks), strict=True)


def _totals(words: dict[Any, Counter], ctx: dict[tuple[Any, str], Counter]) -> dict:
    """Per group, the count of each context key among all content words (and the total).

    A key is what is left of a word without its proclitics, so it ends the word: only
    words ending with a key of some actor's context are keyed (most words never are).
    """
    keys: dict[Any, set[str]] = defaultdict(set)
    for (g, _), counts in ctx.items():
        keys[g].update(counts)
    totals: dict[Any, Counter] = defaultdict(Counter)
    for g, counts in words.items():
        wanted = keys.get(g, set())
        out = totals[g]
        total = 0
        for (norm, kind), n in counts.items():
            if not n or kind != "word" or norm in STOPWORDS:
                continue
            total += n
            if any(norm[i:] in wanted for i in range(len(norm))):
                key = _key(norm)
                if key in wanted:
                    out[key] += n
        out[None] = total  # None is never a key: the total
    return totals


class _Sentences:
    """``sent_of[i]``: the sentence of token ``i`` (the first one ending after its start)."""

    def __init__(self, toks, spans) -> None:
        self.toks = toks
        self.ends = [e for _, e in spans]
        self.last = max(len(spans) - 1, 0)
        self.memo: dict[int, int] = {}

    def __getitem__(self, i: int) -> int:
        hit = self.memo.get(i)
        if hit is None:
            hit = self.memo[i] = min(bisect_right(self.ends, self.toks[i].start), self.last)
        return hit


def _owners(toks, ms) -> tuple[list[int], set[int]]:
    """Which mention (index into ``ms``) holds each token, -1 for none; the held tokens.

    A token belongs to the first mention (in ``ms`` order) ending after its start, when
    the two overlap.
    """
    owner = [-1] * len(toks)
    held: set[int] = set()
    t_starts = [t.start for t in toks]
    t_ends = [t.end for t in toks]
    reach = list(accumulate((m[1] for m in ms), max))  # the farthest end so far
    for s, e, *_ in ms:
        for j in range(bisect_right(t_ends, s), bisect_left(t_starts, e)):
            t = toks[j]
            k = bisect_right(reach, t.start)
            if k < len(ms) and ms[k][0] < t.end and t.start < ms[k][1]:
                owner[j] = k
                held.add(j)
    return owner, held


def _one_document(text, doc_id, g, ms, window, words, ctx, ctx_docs, titles, title_docs, surfaces):
    toks, spans = analyze(text)
    sent_of = _Sentences(toks, spans)
    owner, held = _owners(toks, ms)
    counts = words[g]
    counts.update(_pairs(toks))
    for j in held:
        counts[(toks[j].norm, toks[j].kind)] -= 1  # words of a mention are not its context

    def content(j: int) -> bool:
        return owner[j] < 0 and _counted(toks[j])

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
        sent = sent_of[a]
        # context words, `window` content-or-not words each side, same sentence
        for direction in (-1, 1):
            j, taken = (a - 1, 0) if direction < 0 else (b + 1, 0)
            while 0 <= j < len(toks) and taken < window and sent_of[j] == sent:
                if toks[j].kind in ("word", "latin", "number"):
                    taken += 1
                    if content(j) and j not in seen[aid]:
                        seen[aid].add(j)
                        key = _key(toks[j].norm)
                        ctx[(g, aid)][key] += 1
                        ctx_docs[(g, aid, key)].add(doc_id)
                        surfaces[("context", key)][
                            _strip_surface(toks[j].text, toks[j].norm, key)
                        ] += 1
                j += direction
        if not is_person:
            continue  # titles describe people: "رئيس لجنة ... في البرلمان" is not the parliament
        found = []
        for s_tok, e_tok in _appositions(toks, owner, sent_of, a, b):
            cut = _clitic_length(toks[s_tok])
            found.append(text[toks[s_tok].start + cut : toks[e_tok - 1].end])
        found.extend(_titles_in_mention(info))
        for phrase in found:
            key = " ".join(t.norm for t in tokenize(phrase) if t.kind != "punct")
            if not key:
                continue
            titles[g][(aid, key)] += 1
            title_docs[(g, aid, key)].add(doc_id)
            surfaces[("title", key)][phrase] += 1


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


def _clitic_length(tok) -> int:
    """Characters of a conjunction or preposition in front of a title (والوزير -> 1)."""
    if len(tok.text) != len(tok.norm):
        return 0
    prefix = tok.norm[: len(tok.norm) - len(_key(tok.norm))]
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
        cut = _clitic_length(first[0]) if first else 0
        return [surface[cut:]]  # والقائد العام ... -> القائد العام ...
    out = []
    matched = str(info.get("matched") or "")
    if " + " in matched:
        for part in matched.split(" + "):
            words = part.split()
            if words and _is_title(normalize(words[0], "search")):
                out.append(part)
    return out


def _appositions(toks, owner, sent_of, a, b):
    """Title phrases right before token ``a`` or right after token ``b`` (token ranges)."""
    sent = sent_of[a]
    out = []
    # before: the farthest title within 6 words, nothing but content words in between; not
    # when the mention depends on the phrase (متحدث باسم حفتر، لقائد ...)
    j = a - 1
    start = None
    while (
        j >= 0
        and a - j <= 6
        and sent_of[j] == sent
        and toks[j].kind == "word"
        and owner[j] < 0
        and (toks[j].norm not in STOPWORDS or _is_title(toks[j].norm))
    ):
        if _is_title(toks[j].norm):
            start = j
        j -= 1
    if start is not None and toks[a - 1].norm not in ("باسم", "بإسم"):
        out.append((start, a))
    # after: optional comma, then a title, up to punctuation / a stopword / a mention (6 words)
    j = b + 1
    if j < len(toks) and toks[j].kind == "punct" and toks[j].norm in (",", "،"):
        j += 1
    if (
        j < len(toks)
        and sent_of[j] == sent
        and toks[j].kind == "word"
        and _is_title(toks[j].norm)
        and _clitic_length(toks[j]) == 0  # والوزير after a name is a second person
    ):
        e = j
        while (
            e < len(toks)
            and e - j < 6
            and sent_of[e] == sent
            and toks[e].kind == "word"
            and owner[e] < 0
            and (e == j or toks[e].norm not in STOPWORDS)
        ):
            e += 1
        # a phrase ending on a genitive that the matcher took as a mention keeps that word out
        out.append((j, e))
    return out
