"""Find actor mentions in documents: clitic-aware dictionary matching with offsets.

How a match is found (the rules of DESIGN.md, made precise here):

* **One normalization.** Every dictionary form and every document go through
  ``toolkit.text.normalize(..., preset="search")``; matching runs on the normalized
  text and each mention is mapped back to the ORIGINAL text with the ``OffsetMap``.
* **One word trie.** Every form (alias, role title, generated demonym form, metonym,
  ambiguous alias) is added once per proclitic variant to a trie of words (the
  ``_WordTrie`` kept on the ``Matcher``, which ``find_mentions`` keeps on the ``Actors``).
  The text is read as word pieces: maximal runs of word characters of its normalized
  form (every non-word character is a boundary), so a match sits on whole tokens only
  (``مصر`` is not in ``مصرف``, ``ليون`` not in ``مليون``).  Each piece is looked up once by
  a hash computed for all pieces of a batch of texts with numpy, and the trie is walked
  one word at a time for all starting pieces at once; every chosen match is then checked
  as a string, so a hash collision never makes a match.  Proclitic variants: ``و ف``
  then ``ب ك ل`` (``وب``, ``فل`` ...), and for a form starting with ``ال`` the elided
  ``لل`` (``للجيش الليبي``, ``وللجيش ...``).  ``ال`` is never added to a name (``مصر``
  must not match ``المصر``); demonyms get their ``ال`` forms by inflection instead.  A
  variant that spells a known word of the segmenter's lexicon with fewer proclitics is
  dropped (``بوش`` is a name, not ب + ``وش``; ``لبنان`` is not ل + ``بنان``).
  Multi-word forms match across single separators, so ``خليفة،حفتر`` (no space after
  the comma, as the seed writes) still matches ``خليفة حفتر``.
* **Surface includes the proclitics.** ``start``/``end`` cover the whole token span as
  written (``وحفتر``, ``لفرنسا``, ``بالأمم المتحدة``), so ``text[start:end] == surface``
  and highlighting shows what the reader sees.  ``matched`` says which entry matched.
* **Leftmost-longest, no overlaps.**  Among the hits left after the date check, the one
  that starts first wins, then the longest, then the priority
  alias > role > demonym > metonym, then dictionary order.
* **Roles are dated.**  A role title resolves only when the document date lies in its
  range; a document without a date resolves no role (the title is then free for a
  shorter match inside it, e.g. the demonym of ``الرئيس الفرنسي``).
* **Ambiguous aliases** (``سلامة``) count only right after or before a title word of
  the actor's type (``toolkit/data/actors/titles_ar.txt``: person titles such as المشير،
  place words such as مدينة; none for organisations, so رئيس البرلمان is not enough) or
  after a mention (alias or role) of the same actor earlier in the document.
* **Collisions need evidence.**  A one-word form that is a stopword or a common word
  (``toolkit.actors.collisions``: علي/على، مالي "financial"، العيون "the eyes") is found
  by the automaton like any form but counts only with evidence: its exact written form
  when that form is not the stopword itself (علي counts, على never does: no ى/ي or hamza
  folding for such forms), a title of the actor's type next to it, an alias or role of the
  same actor earlier in the document, or the actor's ``requires`` context.  Matched as
  written it keeps its ``via``; matched by context it is ``ambiguous``.
* **Context rules.**  ``unless_before`` / ``unless_after`` veto a match of the actor when
  one of their words (proclitics allowed) or phrases stands right before / after it
  (``دعم مالي``); ``requires`` keeps a match only when one of its words stands on the same
  line within :data:`REQUIRES_WINDOW` words.  A country, place, organization or group
  followed by ``بن``/``بنت``/``ابن`` is part of a man's name and never counts
  (``تركي بن عبدالعزيز`` is not Turkey).
* **Patterns.**  ``رواند*`` matches any word starting with رواند, with or without ال and
  proclitics (رواندا، الروانديين، وبرواندا), except a common word (``تركي*`` never takes
  تركيز); ``(ال)كونغو`` is كونغو or الكونغو.  ``ل`` before a form starting with ال is
  written both ways: ``للجيش`` (elided alef) and ``لألمانيا`` (ألمانيا: the alef is a hamza).
* **One mention per reference.**  A role and a name of the same actor that stand next
  to each other, with only spaces and title words between them and no proclitic on
  the second, are one mention
  (``الرئيس الفرنسي إيمانويل ماكرون``, ``قائد الجيش الوطني الليبي المشير خليفة حفتر``);
  ``matched`` then lists both entries joined by `` + ``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import islice

import numpy as np
import pandas as pd

from toolkit.actors.collisions import collision, exact_form
from toolkit.actors.dictionary import Actors, Role, as_day
from toolkit.text import normalize, normalize_with_offsets
from toolkit.text.analysis import is_analysis
from toolkit.text.normalization import (
    _ARRAY_MIN_CHARS,
    _decode,
    _normalize_codes,
)
from toolkit.text.sentence_split import sentence_starts

__all__ = [
    "MENTION_COLUMNS", "VIAS", "REQUIRES_WINDOW", "Matcher", "find_mentions", "demonym_forms",
    "titles", "expand_form",
]

#: words on each side (same line) searched for a ``requires`` context word
REQUIRES_WINDOW = 12
#: a non-person mention followed by one of these is part of a man's name (تركي بن ...)
_NAME_CHAIN = frozenset({"بن", "بنت", "ابن"})
_CHAIN_NEXT = tuple(f" {w} " for w in sorted(_NAME_CHAIN))
#: words that name a state or a place: evidence for a colliding country or place form
_PLACE_WORDS = {
    "country": ("دوله", "جمهوريه", "بلاد", "مملكه", "سلطنه", "اماره", "حكومه", "شعب", "رئيس",
                "عاصمه", "سفاره", "سفير", "دولتا", "جمهوريتي"),
}

MENTION_COLUMNS = [
    "doc_id", "sentence", "start", "end", "surface", "actor_id", "actor_type", "via", "matched",
]
#: via values, in the order of priority when two entries match the same span
VIAS = ("alias", "role", "demonym", "metonym", "ambiguous")
_PRIORITY = {v: i for i, v in enumerate(VIAS)}

#: proclitic sequences accepted before a form: conjunction, then preposition
_CONJ = ("", "و", "ف")
_PREP = ("", "ب", "ك", "ل")
_NONWORD = re.compile(r"[\W_]")  # underscores join hashtag words: #ليبيا_الآن
# the same replacement, faster: a space is already a space, and one character class
# (then str.replace for the underscore) scans quicker than an alternation
_NONWORD_NOT_SPACE = re.compile(r"[^\w ]")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _space_lut() -> np.ndarray:
    """Code point -> itself, or a space for what ``_NONWORD`` matches (the BMP)."""
    lut = np.arange(0x10000, dtype=np.uint16)
    every = "".join(map(chr, range(0x10000)))
    lut[[m.start() for m in _NONWORD.finditer(every)]] = ord(" ")
    return lut


def _key(form: str) -> str:
    """The normalized matching key of a dictionary form (punctuation read as a space)."""
    return " ".join(_NONWORD.sub(" ", normalize(form)).split())


def demonym_forms(demonym: str) -> list[str]:
    """The forms generated from one demonym (normalized).

    A nisba ending in ي is inflected: masculine/feminine, sound plurals, the accusative
    ``-ا`` and each with ``ال``; any other form (a broken plural such as ``أتراك``) gets
    only its ``ال`` form.

    >>> demonym_forms("فرنسي")[:6]
    ['فرنسي', 'فرنسيه', 'فرنسيون', 'فرنسيين', 'فرنسيات', 'فرنسيا']
    >>> demonym_forms("فرنسي")[-3:]
    ['الفرنسيان', 'الفرنسيتان', 'الفرنسيتين']
    >>> demonym_forms("أتراك")
    ['اتراك', 'الاتراك']
    """
    base = _key(demonym)
    if not base:
        return []
    if base.endswith("ي") and " " not in base:
        stems = [base, base + "ه", base + "ون", base + "ين", base + "ات",
                 base + "ان", base + "تان", base + "تين"]  # duals: فرنسيان، فرنسيتين
        forms = stems[:5] + [base + "ا"] + ["ال" + s for s in stems[:5]] + stems[5:]
        forms += ["ال" + s for s in stems[5:]]  # definite duals: الفرنسيتين، اليمنيتان
    else:
        forms = [base] if base.startswith("ال") else [base, "ال" + base]
    return list(dict.fromkeys(forms))


@lru_cache(maxsize=1)
def titles() -> dict[str, frozenset[str]]:
    """Title words and phrases (normalized) by actor type, from ``titles_ar.txt``.

    ``{"person": ..., "place": ...}``: an ambiguous alias of a person counts next to a
    person title (المشير، الرئيس), one of a place next to a place word (مدينة، منطقة).

    >>> "المشير" in titles()["person"] and "مدينه" in titles()["place"]
    True
    """
    ref = resources.files("toolkit") / "data" / "actors" / "titles_ar.txt"
    out: dict[str, set[str]] = {}
    kind = "person"
    for line in ref.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            kind = line[1:-1].strip()
            continue
        key = _key(line)
        if key:
            out.setdefault(kind, set()).add(key)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, int]:
    """Known words and the length of their written proclitics (``بوش`` → 0, ``وقال`` → 1).

    From the segmenter's memory (``toolkit.text.segment``: the WikiNews gold and its
    hand list of words never split).  A proclitic variant of a form that spells a known
    word with another reading is not generated: ``بوش`` is a name, not ب + ``وش``.
    """
    from toolkit.text.segmentation import default_segmenter

    seg = default_segmenter("search")
    return {word: len(seg.split(word)[0]) for word in seg.memory}


def expand_form(form: str) -> list[tuple[str, bool]]:
    """The keys of one dictionary form, each with whether it is a prefix pattern.

    ``(ال)كونغو`` gives كونغو and الكونغو; ``رواند*`` gives the prefix رواند (its ال form
    is a variant, see ``_variants``).

    >>> expand_form("(ال)كونغو"), expand_form("رواند*")
    ([('كونغو', False), ('الكونغو', False)], [('رواند', True)])
    """
    prefix = form.endswith("*")
    body = form.rstrip("*").strip()
    if body.startswith("(ال)"):
        rest = _key(body[4:])
        return [(k, prefix) for k in (rest, "ال" + rest) if rest]
    key = _key(body)
    return [(key, prefix)] if key else []


@dataclass(frozen=True)
class _Entry:
    actor: int  # index into Matcher.actors
    via: str
    matched: str  # the dictionary form as written
    role: Role | None
    order: int  # dictionary order, for ties
    exact: str | None = None  # a colliding form: the written form that is evidence (or None)
    flagged: bool = False  # a colliding form: counts only with evidence
    prefix: bool = False  # a pattern (رواند*): the hit runs to the end of the word


@dataclass(frozen=True)
class _Context:
    """An actor's context rules, normalized: word sets and phrase tuples."""

    before: frozenset[str]
    after: frozenset[str]
    requires: frozenset[str]
    chain: bool  # a non-person: vetoed before بن/بنت/ابن


_NO_CONTEXT = _Context(frozenset(), frozenset(), frozenset(), False)


class Matcher:
    """A compiled dictionary: one word trie over every form and proclitic variant.

    Build it once and reuse it (``find_mentions`` keeps one on each ``Actors``);
    :meth:`spans_many` searches many texts at once (what ``find_mentions`` does).

    >>> from toolkit.actors import load_libya_actors
    >>> m = Matcher(load_libya_actors())
    >>> [(x[3], x[4], x[6]) for x in m.find("وحفتر في باريس")]
    [('وحفتر', 'haftar', 'alias'), ('باريس', 'france', 'metonym')]
    """

    def __init__(self, actors: Actors, lexicon: Iterable[str] | None = None) -> None:
        """Compile ``actors``; ``lexicon`` (words never split) replaces the segmenter's memory."""
        if not isinstance(actors, Actors):
            raise TypeError(f"actors must be an Actors (see load_actors), got {type(actors).__name__}")
        self.actors = list(actors)
        self._types = [a.type for a in self.actors]
        self._ids = [a.id for a in self.actors]
        self._context: dict[int, _Context] = {}
        known = _lexicon() if lexicon is None else {_key(w): 0 for w in lexicon}
        entries: list[_Entry] = []
        by_key: dict[tuple[str, bool], list[int]] = {}
        for ai, actor in enumerate(self.actors):
            ctx = _Context(
                frozenset(_key(w) for w in actor.unless_before) - {""},
                frozenset(_key(w) for w in actor.unless_after) - {""},
                frozenset(_key(w) for w in actor.requires) - {""},
                actor.type != "person",
            )
            if ctx.before or ctx.after or ctx.requires or ctx.chain:
                self._context[ai] = ctx
            forms: list[tuple[str, str, Role | None, str]] = []
            forms += [(f, "alias", None, f) for f in actor.aliases]
            forms += [(r.title, "role", r, r.title) for r in actor.roles]
            flagged_bases = set()
            for f in actor.aliases:  # a demonym spelled like a colliding alias collides too (مالي)
                c = collision(f)
                if c is not None and not c.exact_ok:
                    flagged_bases.add(_key(f))
            for d in actor.demonyms:
                if d.endswith("*"):
                    forms.append((d, "demonym", None, d))
                    continue
                forms += [(g, "demonym", None, d) for g in demonym_forms(d)]
            forms += [(f, "metonym", None, f) for f in actor.metonyms]
            forms += [(f, "ambiguous", None, f) for f in actor.ambiguous]
            for form, via, role, matched in forms:
                for key, prefix in expand_form(form):
                    flagged, exact = False, None
                    if via in ("alias", "metonym") and not prefix:
                        c = collision(form if key == _key(form) else key)
                        if c is not None:
                            flagged = True
                            exact = exact_form(form) if c.exact_ok else None
                    elif via == "demonym" and flagged_bases and _key(matched) in flagged_bases:
                        flagged = True
                    entries.append(_Entry(ai, via, matched, role, len(entries), exact, flagged,
                                          prefix))
                    by_key.setdefault((key, prefix), []).append(len(entries) - 1)
        self._entries = entries
        # entry -> actor index, via, matched: the columns of a chosen hit
        self._columns = ([e.actor for e in entries], [e.via for e in entries],
                         [e.matched for e in entries])
        self._entry_actor = np.array(self._columns[0], dtype=np.int64)
        self._entry_role = np.array([e.via == "role" for e in entries], dtype=bool)
        # pattern -> (prefix length, entry indices); one pattern per variant
        patterns: dict[tuple[str, bool], tuple[int, tuple[int, ...]]] = {}
        for (key, prefix), idx in by_key.items():
            for variant, plen in _variants(key, prefix):
                # a known word whose proclitics are fewer than this reading's is another
                # word (بوش, لبنان, ولبنان, وزير); more (بالجيش: ب + ال) is the same reading
                if not prefix and plen and any(
                    known.get(variant[k:], plen - k) < plen - k for k in range(plen)
                ):
                    continue
                old = patterns.get((variant, prefix))
                if old is not None and old[0] <= plen:
                    continue  # the same string read with fewer clitics wins
                patterns[(variant, prefix)] = (plen, tuple(idx))
        self.n_patterns = len(patterns)
        self._trie = _WordTrie(patterns, entries)
        self._titles_by_type = titles()
        self._titles = self._titles_by_type.get("person", frozenset())  # between role and name
        self._rules = frozenset(i for i, c in self._context.items()
                                if c.before or c.after or c.requires)
        # per actor: vetoed before بن/بنت/ابن; has its own context rules
        self._chain_actor = np.zeros(len(self.actors) + 1, dtype=bool)
        self._chain_actor[[i for i, c in self._context.items() if c.chain]] = True
        self._rule_actor = np.zeros(len(self.actors) + 1, dtype=bool)
        self._rule_actor[list(self._rules)] = True
        self._evidence = {k: frozenset(v) | frozenset(_PLACE_WORDS.get(k, ()))
                          for k, v in self._titles_by_type.items()}
        self._evidence.setdefault("country", frozenset(_PLACE_WORDS["country"]))

    # ------------------------------------------------------------------ matching

    def find(self, text: str, date: object = None) -> list[tuple]:
        """Mentions in one text: ``(sentence, start, end, surface, actor_id, actor_type, via, matched)``.

        ``date`` (anything pandas reads as a date; None/NaT for none) resolves roles.
        """
        found = self.spans(text, date)
        if not found:
            return []
        starts = sentence_starts(text, upto=max(f[1] for f in found))
        ids, types = self._ids, self._types
        return [
            (max(bisect_right(starts, s) - 1, 0), s, e, text[s:e], ids[ai], types[ai], via, matched)
            for s, e, ai, via, matched in found
        ]

    def spans(self, text: str, date: object = None) -> list[tuple[int, int, int, str, str]]:
        """The fast path: ``(start, end, actor index, via, matched)`` in original offsets.

        ``self.actors[index]`` is the actor; no sentence index is computed.
        """
        return self.spans_many([text], [date])[0]

    def spans_many(
        self, texts: Sequence[str], dates: Sequence[object] | None = None
    ) -> list[list[tuple[int, int, int, str, str]]]:
        """:meth:`spans` of many texts at once (each with its date): the same lists, faster.

        The texts are normalized one by one and searched together, so the array work of
        the search is paid once per batch instead of once per text.
        """
        if dates is None:
            dates = [None] * len(texts)
        if not self.n_patterns:
            return [[] for _ in texts]
        out: list[list[tuple]] = []
        docs: list[_Prepared] = []
        days: list = []
        size = 0
        for text, date in zip(texts, dates, strict=True):
            doc = _prepare(text)
            if docs and size + len(doc.norm) > _BATCH_CHARS:
                out += self._batch_spans(docs, days)
                docs, days, size = [], [], 0
            docs.append(doc)
            days.append(as_day(date))
            size += len(doc.norm) + 2
        if docs:
            out += self._batch_spans(docs, days)
        return out

    def _batch_spans(self, docs: list[_Prepared], days: list) -> list[list[tuple]]:
        return self._find_batch(docs, days)

    def _find_norm(self, norm: str, day, search: str | None = None, original=None):
        """Mentions of one normalized text: ``(norm start, norm end, actor index, via,
        matched)``, in order (``original(ns, ne)`` gives the written form of a span)."""
        doc = _Prepared(norm, norm, _searched(norm), original=original)
        return self._find_batch([doc], [day])[0]

    def _find_batch(self, docs: list[_Prepared], days: list) -> list[list[tuple]]:
        """Mentions ``(start, end, actor index, via, matched)`` (original offsets) of
        prepared documents, searched as one array."""
        out: list[list[tuple]] = [[] for _ in docs]
        live = [i for i, d in enumerate(docs) if d.norm]
        if not live:
            return out
        # the documents' search forms end to end, two spaces apart (no pattern crosses)
        lengths = np.array([len(docs[i].norm) for i in live], dtype=np.int64)
        at = np.zeros(len(live), dtype=np.int64)
        np.cumsum(lengths[:-1] + 2, out=at[1:])
        parts = []
        for i in live:
            parts.append(docs[i].searched)
            parts.append(_TWO_SPACES)
        searched = np.concatenate(parts[:-1])
        search_all = " " + _decode32(searched) + " "
        trie = self._trie
        starts, ends, pids = trie.hits(searched)
        if not starts.size:
            return out
        doc_of = np.searchsorted(at, starts, side="right") - 1
        entries = self._entries
        best = trie.static[pids]
        plain = best >= 0
        keys = [starts[plain], ends[plain], trie.priority[pids[plain]], trie.plens[pids[plain]],
                best[plain], pids[plain]]
        # hits needing evidence, per document: (ns, ne, entry, plen) in the document
        pending: dict[int, list[tuple[int, int, int, int]]] = {}
        if not plain.all():
            extra = []
            rest = np.flatnonzero(~plain)
            for ns, ne, pid, k in zip(starts[rest].tolist(), ends[rest].tolist(),
                                      pids[rest].tolist(), doc_of[rest].tolist(), strict=True):
                plen = trie.plen[pid]
                if trie.prefix[pid] and _common_word(search_all[ns + 1 + plen : ne + 1]):
                    continue  # تركي* never takes تركيز
                top = None
                base = int(at[k])
                day = days[live[k]]
                for i in trie.idx[pid]:
                    ent = entries[i]
                    if ent.via == "ambiguous" or ent.flagged:
                        pending.setdefault(k, []).append((ns - base, ne - base, i, plen))
                        continue
                    if ent.role is not None and not ent.role.covers(day):
                        continue
                    key = (_PRIORITY[ent.via], i)
                    if top is None or key < top:
                        top = key
                if top is not None:
                    extra.append((ns, ne, top[0], plen, top[1], pid))
            if extra:
                more = np.array(extra, dtype=np.int64).T
                keys = [np.concatenate((k, m)) for k, m in zip(keys, more, strict=True)]
        # leftmost first, then longest, then alias > role > demonym > metonym, then fewer
        # proclitics, then dictionary order; a hit is taken when it starts after the last
        order = _order(keys)
        ns_, ne_, plen_, ent_, pid_ = (k[order] for k in (keys[0], keys[1], keys[3], keys[4],
                                                          keys[5]))
        # the hash found them; the strings confirm them (a collision is never a match): a
        # false one is dropped and the choice made again without it
        alive = np.ones(ns_.size, dtype=bool)
        texts = trie.texts
        while True:
            take = np.flatnonzero(alive)
            take = take[_leftmost_longest(ns_[take], ne_[take])]
            # a prefix pattern is compared with as many characters as it has
            upto = np.where(trie.prefixes[pid_[take]], ns_[take] + trie.text_len[pid_[take]],
                            ne_[take])
            got = list(map(search_all.__getitem__, map(slice, (ns_[take] + 1).tolist(),
                                                        (upto + 1).tolist())))
            wanted = list(map(texts.__getitem__, pid_[take].tolist()))
            if got == wanted:
                break
            alive[[j for j, a, b in zip(take.tolist(), got, wanted, strict=True) if a != b]] = False
        ns_, ne_, plen_, ent_ = ns_[take], ne_[take], plen_[take], ent_[take]
        doc_k = np.searchsorted(at, ns_, side="right") - 1
        actor_of = self._entry_actor[ent_]
        # context rules, batch-wide: the بن veto where " بن " follows, the actors' own rules
        drop = np.zeros(ns_.size, dtype=bool)
        if self._context and ns_.size:
            chain_at = _find_all(search_all, _CHAIN_NEXT)
            if chain_at:
                drop |= np.isin(ne_ + 1, chain_at) & self._chain_actor[actor_of]
            ruled = np.flatnonzero(self._rule_actor[actor_of] & ~drop)
            for j, k, ns, ne, ai in zip(ruled.tolist(), doc_k[ruled].tolist(),
                                        ns_[ruled].tolist(), ne_[ruled].tolist(),
                                        actor_of[ruled].tolist(), strict=True):
                doc, base = docs[live[k]], int(at[k])
                search = search_all[base : base + len(doc.norm) + 2]
                if not self._allowed(doc.norm, search, ns - base, ne - base, ai):
                    drop[j] = True
            if drop.any():
                keep = ~drop
                ns_, ne_, plen_, ent_ = ns_[keep], ne_[keep], plen_[keep], ent_[keep]
                doc_k, actor_of = doc_k[keep], actor_of[keep]
        # documents that need more than the chosen hits: evidence for pending hits, or a
        # role and a name of one actor side by side (one mention)
        slow = np.zeros(len(live), dtype=bool)
        if pending:
            slow[list(pending)] = True
        if ns_.size > 1:
            role = self._entry_role[ent_]
            pair = ((actor_of[1:] == actor_of[:-1]) & (doc_k[1:] == doc_k[:-1])
                    & (role[1:] | role[:-1]))
            slow[doc_k[1:][pair]] = True
        om_docs = [k for k, i in enumerate(live) if docs[i].om is not None]
        slow[om_docs] = True
        # normalized -> original offsets, batch-wide: add the removals at or before
        shifts = [docs[i].shifts + at[k] for k, i in enumerate(live)
                  if docs[i].shifts is not None]
        os_, oe_ = ns_ - at[doc_k], ne_ - at[doc_k]
        if shifts:
            counts = np.array([0 if docs[i].shifts is None else docs[i].shifts.size
                               for i in live], dtype=np.int64)
            before = np.concatenate(([0], np.cumsum(counts)[:-1]))
            flat = np.concatenate(shifts)
            os_ = os_ + np.searchsorted(flat, ns_, side="right") - before[doc_k]
            oe_ = oe_ + np.searchsorted(flat, ne_ - 1, side="right") - before[doc_k]
        actor, via, matched = self._columns
        ent_l = ent_.tolist()
        vias = list(map(via.__getitem__, ent_l))
        names = list(map(matched.__getitem__, ent_l))
        rows = list(zip(os_.tolist(), oe_.tolist(), actor_of.tolist(), vias, names,
                        strict=True))
        cuts = np.searchsorted(doc_k, np.arange(len(live) + 1)).tolist()
        for k, i in enumerate(live):
            if not slow[k]:
                out[i] = rows[cuts[k] : cuts[k + 1]]
                continue
            lo, hi = cuts[k], cuts[k + 1]
            base = int(at[k])
            chosen = list(zip((ns_[lo:hi] - base).tolist(), (ne_[lo:hi] - base).tolist(),
                              actor_of[lo:hi].tolist(), vias[lo:hi], names[lo:hi],
                              plen_[lo:hi].tolist(), strict=True))
            doc = docs[i]
            waiting = pending.get(k)
            if waiting:
                search = search_all[base : base + len(doc.norm) + 2]
                chosen = self._resolve_pending(doc.norm, search, chosen, waiting, doc.original)
            found = self._merge(doc.norm, chosen)
            out[i] = doc.to_original(found) if found else []
        return out

    def _allowed(self, norm: str, search: str, ns: int, ne: int, actor: int) -> bool:
        """The actor's context rules (vetoes before/after, requires) and the بن veto."""
        ctx = self._context.get(actor)
        if ctx is None:
            return True
        if ctx.chain:
            if search.startswith(_CHAIN_NEXT, ne + 1):
                return False
            if not (ctx.before or ctx.after or ctx.requires):
                return True
        after = search[ne + 1 : ne + 80].split(None, 3)
        if ctx.after and _phrase_at(after, ctx.after, leading=True):
            return False
        if ctx.before:
            before = search[max(0, ns - 79) : ns + 1].split()[-3:]
            if _phrase_at(before, ctx.before, leading=False):
                return False
        if ctx.requires:
            return self._near(norm, search, ns, ne, ctx.requires)
        return True

    @staticmethod
    def _near(norm: str, search: str, ns: int, ne: int, words: frozenset[str]) -> bool:
        lo = norm.rfind("\n", 0, ns) + 1
        hi = norm.find("\n", ne)
        hi = len(norm) if hi < 0 else hi
        left = search[lo + 1 : ns + 1].split()[-REQUIRES_WINDOW:]
        right = search[ne + 1 : hi + 1].split()[:REQUIRES_WINDOW]
        window = left + right
        text = " " + " ".join(window) + " "
        for w in words:
            if " " in w:
                if f" {w} " in text:
                    return True
            elif any(t == w or w in _strip_candidates(t) for t in window):
                return True
        return False

    def _resolve_pending(self, norm, search, chosen, pending, original):
        """Ambiguous aliases and colliding forms: kept only with evidence (see the module doc)."""
        entries = self._entries
        starts = [c[0] for c in chosen]  # chosen is sorted and non-overlapping
        ends = [c[1] for c in chosen]
        first_seen: dict[int, int] = {}
        for c in chosen:
            if c[3] in ("alias", "role") and c[2] not in first_seen:
                first_seen[c[2]] = c[0]
        extra = []
        pending.sort(key=lambda t: (t[0], -t[1], _PRIORITY[entries[t[2]].via], entries[t[2]].order))
        last = -1
        for ns, ne, i, plen in pending:
            if ns < last or _overlaps(starts, ends, ns, ne):
                continue
            ent = entries[i]
            if ent.role is not None:
                continue  # roles are never flagged
            if not self._allowed(norm, search, ns, ne, ent.actor):
                continue
            via = None
            if ent.exact is not None and _written_as(original(ns, ne), ent.exact, plen):
                via = ent.via
            else:
                seen = first_seen.get(ent.actor)
                kind_titles = self._evidence.get(self._types[ent.actor])
                ctx = self._context.get(ent.actor)
                if (seen is not None and seen < ns) or (
                    kind_titles and self._next_to_title(norm, ns, ne, kind_titles)
                ) or (ctx is not None and ctx.requires):  # _allowed checked requires
                    via = "ambiguous"
            if via is not None:
                extra.append((ns, ne, ent.actor, via, ent.matched, plen))
                last = ne
        if not extra:
            return chosen
        return sorted(chosen + extra)

    def _next_to_title(self, norm: str, ns: int, ne: int, kind_titles: frozenset[str]) -> bool:
        before = norm[max(0, ns - 80) : ns]
        if before and before[-1].isspace():
            toks = before.split()
            for n in (1, 2, 3):
                if len(toks) >= n and _is_title(toks[-n:], kind_titles):
                    return True
        after = norm[ne : ne + 80]
        if after and after[0].isspace():
            toks = after.split()
            for n in (1, 2, 3):
                if len(toks) >= n and _is_title(toks[:n], kind_titles):
                    return True
        return False

    def _merge(self, norm: str, chosen: list[tuple]) -> list[tuple]:
        """A role and a name of the same actor side by side become one mention."""
        if len(chosen) < 2:
            return chosen
        out = [chosen[0]]
        names = ("alias", "role", "ambiguous")
        for cur in chosen[1:]:
            prev = out[-1]
            if (
                prev[2] == cur[2]
                and prev[3] in names
                and cur[3] in names
                and "role" in (prev[3], cur[3])
                and cur[5] == 0  # وحفتر after a title is a second reference, not apposition
            ):
                gap = norm[prev[1] : cur[0]]
                toks = gap.split()
                if gap[:1].isspace() and gap[-1:].isspace() and (
                    not toks or " ".join(toks) in self._titles or all(t in self._titles for t in toks)
                ):
                    via = prev[3] if prev[3] != "role" else cur[3]
                    out[-1] = (prev[0], cur[1], prev[2], via, f"{prev[4]} + {cur[4]}", prev[5])
                    continue
            out.append(cur)
        return out


@lru_cache(maxsize=65536)
def _common_word(word: str) -> bool:
    """Is this word (no proclitics) a stopword or a common word? (prefix-pattern hits)"""
    return collision(word) is not None


def _written_as(surface: str, exact: str, plen: int) -> bool:
    """Is ``surface`` (proclitics included) the exact written form ``exact``?

    >>> _written_as("وعلي", "علي", 1), _written_as("على", "علي", 0)
    (True, False)
    """
    written = exact_form(surface)
    if written == exact or (plen and written.endswith(exact) and len(written) - len(exact) <= plen):
        return True
    # ل + ال elided: للعيون for العيون
    return exact.startswith("ال") and plen > 0 and written.endswith(exact[1:]) and (
        len(written) - len(exact) + 1 <= plen)


def _phrase_at(toks: list[str], phrases: frozenset[str], leading: bool) -> bool:
    """Does a phrase of ``phrases`` stand at the start (``leading``) or end of ``toks``?

    The word next to the mention may carry proclitics (ودعم for دعم)."""
    for n in range(1, min(3, len(toks)) + 1):
        part = toks[:n] if leading else toks[-n:]
        near = part[0] if not leading else part[0]  # the proclitics sit on the first word
        if " ".join(part) in phrases:
            return True
        if any(" ".join([c] + part[1:]) in phrases for c in _strip_candidates(near)):
            return True
    return False


def _is_title(toks: list[str], kind_titles: frozenset[str]) -> bool:
    """Are these words (the first may carry proclitics: بالرئيس) a title of the set?"""
    phrase = " ".join(toks)
    if phrase in kind_titles:
        return True
    return any(" ".join([p] + toks[1:]) in kind_titles for p in _strip_candidates(toks[0]))


def _overlaps(starts: list[int], ends: list[int], s: int, e: int) -> bool:
    """Does [s, e) overlap one of the sorted, disjoint spans given by starts/ends?"""
    i = bisect_right(ends, s)  # the first span ending after s
    return i < len(starts) and starts[i] < e


@lru_cache(maxsize=4096)
def _strip_candidates(word: str) -> tuple[str, ...]:
    """``word`` without each accepted proclitic sequence (``بالرئيس`` → ``الرئيس``)."""
    out = []
    for c in _CONJ:
        for p in _PREP:
            pre = c + p
            if pre and word.startswith(pre) and len(word) > len(pre) + 1:
                out.append(word[len(pre) :])
            if pre.endswith("ل") and word.startswith(c + "لل"):
                out.append("ا" + word[len(c) + 1 :])
    return tuple(out)


def _variants(key: str, prefix: bool = False) -> list[tuple[str, int]]:
    """Every proclitic variant of a normalized form, with the length of the proclitics.

    ل before a form starting with ال is written both ways: للجيش (the article's alef
    elided) and لالمانيا (ألمانيا: that alef is a hamza, written لألمانيا).  A prefix
    pattern (رواند*) also takes the article: الروانديين، للروانديين.

    >>> [v for v, _ in _variants("المانيا") if v.startswith("ل")]
    ['للمانيا', 'لالمانيا']
    """
    out = []
    keys = [key] if not prefix or key.startswith("ال") else [key, "ال" + key]
    for k in keys:
        definite = k.startswith("ال")
        for c in _CONJ:
            for p in _PREP:
                if definite and p == "ل":
                    out.append((c + "ل" + k[1:], len(c) + 1))  # لل + الجيش → للجيش
                    out.append((c + "ل" + k, len(c) + 1))  # ل + ألمانيا → لألمانيا
                    continue
                out.append((c + p + k, len(c) + len(p)))
    return out


# --------------------------------------------------------------------------- word trie

#: the polynomial hash of a word: sum of code * _HASH_P ** k (mod 2**64), k its position
_HASH_P = 0x9E3779B97F4A7C15  # odd, so its powers are invertible mod 2**64
_HASH_INV = pow(_HASH_P, -1, 1 << 64)
_U64 = np.uint64
#: powers of the hash base kept on a trie up to this many characters (longer texts compute theirs)
_POWERS_KEPT = 1 << 18
#: characters searched together by ``Matcher.spans_many`` (a batch within the kept powers)
_BATCH_CHARS = _POWERS_KEPT - 2


def _word_hash(word: str) -> int:
    h, pw = 0, 1
    for ch in word:
        h = (h + ord(ch) * pw) & 0xFFFFFFFFFFFFFFFF
        pw = (pw * _HASH_P) & 0xFFFFFFFFFFFFFFFF
    return h


def _powers(base: int, n: int) -> np.ndarray:
    """``base ** k mod 2**64`` for k = 0 .. n, by doubling (numpy's cumprod is slow here)."""
    out = np.empty(n + 1, dtype=_U64)
    out[0] = 1
    done, step = 1, base
    while done <= n:
        todo = min(done, n + 1 - done)
        np.multiply(out[:todo], _U64(step), out=out[done : done + todo])
        done += todo
        step = (step * step) & _MASK64
    return out


_MASK64 = (1 << 64) - 1
_EMPTY = _U64(_MASK64)  # the key of an empty slot (a word hash is this with odds 2**-64)
_MIX = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93)


class _Table:
    """A hash table from uint64 keys to int64 values, looked up for a whole array at once.

    Two-choice (cuckoo) hashing: a key sits in one of two slots, so a lookup is four array
    reads whatever the keys (a binary search of a sorted table costs some 17 cache misses
    per key).  Empty slots hold the value -1, which is also what a missing key gives.
    """

    def __init__(self, keys: Iterable[int], values: Iterable[int]) -> None:
        items = list(zip(keys, values, strict=True))
        bits = max(4, (2 * len(items)).bit_length())
        for seed in range(0, len(_MIX), 2):
            for _attempt in range(3):
                if self._build(items, bits, _MIX[seed], _MIX[seed + 1]):
                    return
                bits += 1
        raise RuntimeError("hash table could not be built")  # pragma: no cover

    def _build(self, items: list[tuple[int, int]], bits: int, m1: int, m2: int) -> bool:
        size, shift = 1 << bits, 64 - bits
        keys = [[0] * size, [0] * size]
        vals = [[-1] * size, [-1] * size]
        mult = (m1, m2)
        for key, val in items:
            side = 0
            for _ in range(64):
                slot = ((key * mult[side]) & _MASK64) >> shift
                old_key, old_val = keys[side][slot], vals[side][slot]
                keys[side][slot], vals[side][slot] = key, val
                if old_val < 0 or old_key == key:
                    break
                key, val, side = old_key, old_val, 1 - side
            else:
                return False
        self._shift = _U64(shift)
        self._m = (_U64(m1), _U64(m2))
        self._vals = [np.array(v, dtype=np.int64) for v in vals]
        self._keys = [np.array(k, dtype=_U64) for k in keys]
        for k, v in zip(self._keys, self._vals, strict=True):
            k[v < 0] = _EMPTY
        return True

    def get(self, keys: np.ndarray) -> np.ndarray:
        """The value of each key (uint64 array), -1 where it is absent."""
        with np.errstate(over="ignore"):
            # slots as intp: indexing with uint64 arrays converts them first (slow)
            s1 = ((keys * self._m[0]) >> self._shift).astype(np.intp)
        out = np.full(keys.size, -1, dtype=np.int64)
        found = self._keys[0][s1]
        hit = found == keys
        at = np.flatnonzero(hit)
        out[at] = self._vals[0][s1[at]]
        # a key is in the second table only if its first slot is taken (by another key)
        other = np.flatnonzero(~hit & (found != _EMPTY))
        if other.size:
            q = keys[other]
            with np.errstate(over="ignore"):
                s2 = ((q * self._m[1]) >> self._shift).astype(np.intp)
            hit = self._keys[1][s2] == q
            out[other[hit]] = self._vals[1][s2[hit]]
        return out


class _WordTrie:
    """Every pattern (a proclitic variant of a form) as a path of words in a trie.

    A text is cut into word pieces (maximal runs of word characters of its search form,
    the characters ``_NONWORD`` does not match); each piece is looked up once, by a
    polynomial hash computed for all pieces together with numpy, in the sorted hashes of
    the dictionary's words.  The trie is then walked one word at a time for all starting
    pieces at once (a piece continues a pattern when the gap before it is one character,
    as ``خليفة،حفتر`` or ``خليفة حفتر``), so the work per piece is a few array operations;
    only the pieces that end a pattern reach Python.  A prefix pattern's last word is a
    prefix (``رواند*``): its hash is that of the piece's first characters.  Every chosen
    match is checked against its pattern as a string, so a hash collision cannot make one.
    """

    def __init__(self, patterns: dict[tuple[str, bool], tuple[int, tuple[int, ...]]],
                 entries: list) -> None:
        words: dict[str, int] = {}
        pwords: dict[str, int] = {}
        kids: dict[tuple[int, int], int] = {}
        terminal: dict[int, int] = {}
        pterminal: dict[tuple[int, int], int] = {}
        self.texts: list[str] = []  # pattern -> its words joined by spaces
        self.plen: list[int] = []
        self.idx: list[tuple[int, ...]] | dict[int, tuple[int, ...]] = []
        self.prefix: list[bool] = []
        n_states = 1
        for (variant, prefix), (plen, idx) in patterns.items():
            parts = variant.split(" ")
            state = 0
            for w in parts[:-1] if prefix else parts:
                wid = words.setdefault(w, len(words))
                nxt = kids.get((state, wid))
                if nxt is None:
                    nxt = kids[(state, wid)] = n_states
                    n_states += 1
                state = nxt
            pid = len(self.texts)
            if prefix:
                pterminal[(state, pwords.setdefault(parts[-1], len(pwords)))] = pid
            else:
                terminal[state] = pid
            self.texts.append(variant)
            self.plen.append(plen)
            self.idx.append(idx)
            self.prefix.append(prefix)
        # words by hash; the trie's edges by (state, word); prefix words by hash
        self.n_words = v = len(words)
        hashes = [_word_hash(w) for w in words]
        self.words = _Table(hashes, range(v))
        pw_hashes = [_word_hash(w) for w in pwords]
        if len(set(hashes)) < v or len(set(pw_hashes)) < len(pwords):  # pragma: no cover
            # two dictionary words with one hash (odds near 2**-40): one would be lost
            raise RuntimeError("two dictionary words share a hash; please report the dictionary")
        self.kids = _Table(((st * (v + 1) + w) for st, w in kids), kids.values())
        self.has_kids = np.zeros(n_states, dtype=bool)
        self.has_kids[[st for st, _ in kids]] = True
        self.terminal = np.full(n_states, -1, dtype=np.int64)
        for state, pid in terminal.items():
            self.terminal[state] = pid
        self.n_prefix = pv = len(pwords)
        self.prefix_words = _Table(pw_hashes, range(pv))
        self.prefix_ends = _Table(((st * (pv + 1) + w) for st, w in pterminal),
                                  pterminal.values())
        self.prefix_lengths = sorted({len(w) for w in pwords}) or [1]
        # a piece can start a prefix word only if its first characters start one: the
        # lengths of the prefix words with those first characters, as bits
        heads: dict[int, int] = {}
        for w in pwords:
            h = _word_hash(w[: self.prefix_lengths[0]])
            heads[h] = heads.get(h, 0) | (1 << len(w))
        self.prefix_heads = _Table(heads, heads.values())
        self.has_prefix = np.zeros(n_states, dtype=bool)
        self.has_prefix[[st for st, _ in pterminal]] = True
        self.root_prefix = bool(self.has_prefix[0])
        self.root = np.full(v + 1, -1, dtype=np.int64)  # word rank -> state after it (or -1)
        for (st, w), nxt in kids.items():
            if st == 0:
                self.root[w] = nxt
        # a pattern needing no date, context or evidence check resolves once, here: its
        # entry, priority and proclitic length (-1: resolved per hit, in Python)
        self.static = np.full(len(self.texts), -1, dtype=np.int64)
        self.priority = np.zeros(len(self.texts), dtype=np.int64)
        for pid, idx in enumerate(self.idx):
            if all(entries[i].via not in ("role", "ambiguous") and not entries[i].flagged
                   and not entries[i].prefix for i in idx):
                best = min(idx, key=lambda i: (_PRIORITY[entries[i].via], i))
                self.static[pid] = best
                self.priority[pid] = _PRIORITY[entries[best].via]
        self.plens = np.array(self.plen, dtype=np.int64)
        self.prefixes = np.array(self.prefix, dtype=bool)
        self.text_len = np.array([len(t) for t in self.texts], dtype=np.int64)
        # the entries of the patterns resolved per hit only: a tuple per pattern would be
        # 100,000 objects more for the garbage collector to walk on a large dictionary
        self.idx = {pid: idx for pid, idx in enumerate(self.idx) if self.static[pid] < 0}
        self._pw = _powers(_HASH_P, 0)
        self._ipw = _powers(_HASH_INV, 0)

    def _power_tables(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        if n < self._pw.size:
            return self._pw, self._ipw
        if n > _POWERS_KEPT:
            return _powers(_HASH_P, n), _powers(_HASH_INV, n)
        size = min(max(n, 2 * self._pw.size, 4096), _POWERS_KEPT)
        self._pw, self._ipw = _powers(_HASH_P, size), _powers(_HASH_INV, size)
        return self._pw, self._ipw

    def hits(self, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every pattern occurrence in ``codes`` (the search form: non-word characters are
        spaces): ``(start char, end char, pattern)`` arrays, unordered."""
        isword = codes != 32
        edges = np.diff(np.concatenate(([False], isword, [False])).view(np.int8))
        ps = np.flatnonzero(edges == 1)
        pe = np.flatnonzero(edges == -1)
        n = ps.size
        empty = np.zeros(0, dtype=np.int64)
        if not n:
            return empty, empty, empty
        pw, ipw = self._power_tables(codes.size)
        with np.errstate(over="ignore"):
            cum = np.zeros(codes.size + 1, dtype=_U64)
            np.cumsum(codes.astype(_U64) * pw[: codes.size], out=cum[1:])
            hs = (cum[pe] - cum[ps]) * ipw[ps]
        rank = self.words.get(hs)
        rank[rank < 0] = self.n_words
        gap1 = ps[1:] - pe[:-1] == 1  # piece i and i + 1 are one character apart
        found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        if self.root_prefix:
            every = np.arange(n)
            self._prefix_hits(every, np.zeros(n, dtype=np.int64), every, ps, pe, cum, ipw, found)
        # piece i goes on to piece i + 1: one character apart, and i + 1 a dictionary word
        goes_on = np.zeros(n, dtype=bool)
        goes_on[:-1] = gap1 & (rank[1:] < self.n_words)
        state = self.root[rank]
        alive = np.flatnonzero(state >= 0)
        state = state[alive]
        depth = 0  # the pieces alive .. alive + depth are matched
        with_prefix = bool(self.has_prefix[1:].any())
        while alive.size:
            pid = self.terminal[state]
            end = np.flatnonzero(pid >= 0)
            if end.size:
                found.append((alive[end], alive[end] + depth, pid[end]))
            last = alive + depth
            if with_prefix:  # a prefix word next (it need not be a dictionary word)
                pre = np.flatnonzero(self.has_prefix[state] & (last + 1 < n))
                if pre.size:
                    pre = pre[gap1[last[pre]]]
                    self._prefix_hits(alive[pre], state[pre], last[pre] + 1, ps, pe, cum, ipw,
                                      found)
            keep = np.flatnonzero(goes_on[last] & self.has_kids[state])
            alive, state, nxt = alive[keep], state[keep], last[keep] + 1
            code = (state * (self.n_words + 1) + rank[nxt]).astype(_U64)
            state = self.kids.get(code)
            ok = np.flatnonzero(state >= 0)
            alive, state = alive[ok], state[ok]
            depth += 1
        if not found:
            return empty, empty, empty
        first = np.concatenate([f[0] for f in found])
        last = np.concatenate([f[1] for f in found])
        pids = np.concatenate([f[2] for f in found])
        return ps[first], pe[last], pids

    def _prefix_hits(self, alive, state, piece, ps, pe, cum, ipw, found) -> None:
        """Prefix patterns whose last word starts piece ``piece`` (after ``state``)."""
        starts = ps[piece]
        lengths = pe[piece] - starts
        head = self.prefix_lengths[0]
        ok = np.flatnonzero(lengths >= head)
        s = starts[ok]
        with np.errstate(over="ignore"):
            sizes = self.prefix_heads.get((cum[s + head] - cum[s]) * ipw[s])
        ok, sizes = ok[sizes >= 0], sizes[sizes >= 0]
        if not ok.size:
            return
        alive, state, piece = alive[ok], state[ok], piece[ok]
        starts, lengths = starts[ok], lengths[ok]
        for size in self.prefix_lengths:
            ok = (lengths >= size) & ((sizes >> size) & 1).astype(bool)
            if not ok.any():
                continue
            s = starts[ok]
            with np.errstate(over="ignore"):
                word = self.prefix_words.get((cum[s + size] - cum[s]) * ipw[s])
            good = word >= 0
            if not good.any():
                continue
            code = state[ok][good] * (self.n_prefix + 1) + word[good]
            pid = self.prefix_ends.get(code.astype(_U64))
            hit = pid >= 0
            if hit.any():
                found.append((alive[ok][good][hit], piece[ok][good][hit], pid[hit]))


# --------------------------------------------------------------------------- documents

_TWO_SPACES = np.array([32, 32], dtype=np.uint16)


def _searched(norm: str) -> np.ndarray:
    """The search form of a normalized text (every non-word character a space) as code points."""
    return np.frombuffer(
        _NONWORD_NOT_SPACE.sub(" ", norm).replace("_", " ").encode("utf-32-le"), dtype=np.uint32
    )


def _decode32(codes: np.ndarray) -> str:
    return _decode(codes) if codes.dtype == np.uint16 else codes.tobytes().decode("utf-32-le")


class _Prepared:
    """One text made ready for the search: its normalized form, the search form as code
    points, and how normalized offsets go back to the original."""

    __slots__ = ("text", "norm", "searched", "shifts", "om", "_original")

    def __init__(self, text: str, norm: str, searched: np.ndarray, shifts=None, om=None,
                 original=None) -> None:
        self.text, self.norm, self.searched = text, norm, searched
        self.shifts = shifts  # removal i sits at normalized index shifts[i] (array path)
        self.om = om  # an OffsetMap (str path), None when offsets did not move
        self._original = original

    def original(self, ns: int, ne: int) -> str:
        """The original text of the normalized span ``[ns, ne)``."""
        if self._original is not None:
            return self._original(ns, ne)
        if self.shifts is not None:
            sh = self.shifts
            return self.text[ns + bisect_right(sh, ns) : ne + bisect_right(sh, ne - 1)]
        if self.om is not None:
            return self.text[slice(*self.om.span(ns, ne))]
        return self.text[ns:ne]

    def to_original(self, found: list[tuple]) -> list[tuple]:
        """Mentions ``(ns, ne, actor, via, matched, ...)`` in normalized offsets -> the
        5-tuples ``(start, end, actor, via, matched)`` in original offsets."""
        ns, ne, actor, via, matched = list(zip(*found, strict=True))[:5]
        if self.shifts is not None:  # add the removals at or before each offset
            s = np.array(ns, dtype=np.int64)
            e = np.array(ne, dtype=np.int64)
            ns = (s + np.searchsorted(self.shifts, s, side="right")).tolist()
            ne = (e + np.searchsorted(self.shifts, e - 1, side="right")).tolist()
        elif self.om is not None:
            ns, ne = list(zip(*map(self.om.span, ns, ne), strict=True))
        return list(zip(ns, ne, actor, via, matched, strict=True))


def _prepare(text: str) -> _Prepared:
    """Normalize ``text`` for the search (the array path when it applies)."""
    fast = _normalize_codes(text, "search") if len(text) >= _ARRAY_MIN_CHARS else None
    if fast is not None:
        codes, removed = fast
        shifts = removed - np.arange(removed.size) if removed.size else None
        return _Prepared(text, _decode(codes), _space_lut().take(codes), shifts)
    norm, om = normalize_with_offsets(text)
    if len(norm) == len(text) and getattr(om, "_ns", None) == []:
        om = None  # nothing changed length: normalized offsets are original offsets
    return _Prepared(text, norm, _searched(norm), om=om)


def _order(keys: list[np.ndarray]) -> np.ndarray:
    """The order of hits ``(start, end, priority, proclitics, entry, ...)``: by start, the
    longest first, then priority, proclitics and entry (one int64 key when they fit)."""
    start, end, prio, plen, entry = keys[:5]
    length = end - start
    if start.size and (start.max() < 1 << 18 and length.max() < 1 << 12
                       and entry.max() < 1 << 26 and prio.max() < 8 and plen.max() < 4):
        packed = (start << 43) | (((1 << 12) - 1 - length) << 31) | (prio << 28) | (plen << 26)
        # hits come in runs sorted by start (one run per trie level): a stable sort is fast
        return np.argsort(packed | entry, kind="stable")
    return np.lexsort((entry, plen, prio, -end, start))


def _find_all(text: str, needles: Iterable[str]) -> list[int]:
    """Every position where one of ``needles`` starts in ``text`` (str.find: C speed).

    >>> _find_all(" علي بن علي بنت ", (" بن ", " بنت "))
    [4, 11]
    """
    out = []
    for needle in needles:
        at = text.find(needle)
        while at >= 0:
            out.append(at)
            at = text.find(needle, at + 1)
    return sorted(out)


def _leftmost_longest(ns: np.ndarray, ne: np.ndarray) -> np.ndarray:
    """Which spans (sorted by start, the preferred one first at each start) the greedy
    leftmost-longest choice keeps: the first at each start that begins after the last kept.

    >>> _leftmost_longest(np.array([0, 0, 3, 5, 9]), np.array([6, 2, 4, 8, 10])).tolist()
    [0, 4]
    """
    if not ns.size:
        return np.zeros(0, dtype=np.int64)
    first = np.ones(ns.size, dtype=bool)
    first[1:] = ns[1:] != ns[:-1]
    idx = np.flatnonzero(first)
    s, e = ns[idx], ne[idx]
    free = np.ones(idx.size, dtype=bool)  # starts after every span before it: kept
    free[1:] = s[1:] >= np.maximum.accumulate(e)[:-1]
    if free.all():
        return idx
    # inside a run of overlaps, the span kept after span j is the first starting at or
    # after its end: follow those links from every run's first span at once
    after = np.searchsorted(s, e)
    keep = free.copy()
    front = after[free]
    while front.size:
        front = front[front < idx.size]
        front = front[~free[front]]  # a free span ends the run (it is kept already)
        keep[front] = True
        front = after[front]
    return idx[keep]


# --------------------------------------------------------------------------- corpus level


#: documents handed to ``Matcher.spans_many`` at a time by ``find_mentions``
_CHUNK_DOCS = 2000


def _documents(corpus) -> Iterable[tuple[str, str, object]]:
    """(doc_id, text, date) from a Corpus, an analysis, Documents, a DataFrame or a str.

    Plain texts (a str, strs in a list, a frame without ``doc_id``) are numbered ``"0"``,
    ``"1"``, ... as everywhere in the toolkit (``toolkit.text.text_doc_ids``)."""
    if is_analysis(corpus):
        yield from _documents(corpus.documents)
        return
    inner = getattr(corpus, "corpus", None)  # an object carrying the corpus it was made from
    if inner is not None and not isinstance(corpus, (str, pd.DataFrame)):
        yield from _documents(inner)
        return
    if isinstance(corpus, str):
        yield "0", corpus, None
        return
    if isinstance(corpus, pd.DataFrame):
        if "text" not in corpus.columns:
            raise ValueError("corpus DataFrame needs a 'text' column")
        ids = corpus["doc_id"] if "doc_id" in corpus.columns else pd.Series(range(len(corpus)))
        dates = corpus["date"] if "date" in corpus.columns else [None] * len(corpus)
        if isinstance(getattr(dates, "dtype", None), np.dtype) and dates.dtype.kind == "M":
            # naive datetimes: their days in one C call (datetime.date, None for NaT)
            dates = dates.to_numpy("datetime64[D]").astype(object)
        # lists first: iterating an arrow-backed column makes one Python call per value
        for doc_id, text, date in zip(
            ids.astype(str).tolist(), corpus["text"].tolist(), list(dates), strict=True
        ):
            yield doc_id, text if isinstance(text, str) else "", date
        return
    frame = getattr(corpus, "frame", None)
    if isinstance(frame, pd.DataFrame):
        yield from _documents(frame)
        return
    try:
        iterator = iter(corpus)
    except TypeError:
        raise TypeError(
            "corpus must be a Corpus, an analysis (toolkit.text.analyze), an iterable of "
            "Documents, a DataFrame with 'text' or a str, "
            f"got {type(corpus).__name__}"
        ) from None
    for i, doc in enumerate(iterator):
        if isinstance(doc, str):
            yield str(i), doc, None
            continue
        text = getattr(doc, "text", None)
        if not isinstance(text, str):
            raise TypeError(f"document #{i} has no text (got {type(doc).__name__})")
        yield str(getattr(doc, "doc_id", i)), text, getattr(doc, "date", None)


def _sentence_starts_of(analysis) -> dict[str, list[int]]:
    """doc_id -> the start offsets of its sentences, from the analysis's sentence table."""
    table = analysis.sentences
    if not len(table):
        return {}
    number = table["sentence"].to_numpy()
    starts = table["start"].to_numpy().tolist()
    firsts = np.flatnonzero(number == 0)
    ends = [*firsts[1:].tolist(), len(starts)]
    ids = table["doc_id"].to_numpy()[firsts].tolist()
    return {d: starts[a:b] for d, a, b in zip(ids, firsts.tolist(), ends, strict=True)}


def _matcher(actors: Actors) -> Matcher:
    """The compiled matcher of ``actors``, built once and kept on the dictionary object."""
    m = getattr(actors, "_matcher", None)
    if m is None or m.actors != list(actors):
        m = Matcher(actors)
        actors._matcher = m  # type: ignore[attr-defined]
    return m


def find_mentions(
    corpus, actors: Actors | None = None, *, date: object = None, client: object = None
) -> pd.DataFrame:
    """One row per actor mention in ``corpus`` (a Corpus, its analysis, Documents, a
    DataFrame with ``text`` or a str).

    ``actors`` defaults to :func:`~toolkit.actors.load_default_actors`.  Roles resolve
    against each document's ``date``; ``date=`` is used for documents without one (a
    plain string, a record without a date); with neither, no role resolves.

    Given an analysis (``toolkit.text.analyze(corpus)``), the sentence numbers come from
    its sentence table: the texts are not tokenized or split again (the matcher reads the
    normalized characters, which it computes in a few array passes per text).  ``client``
    (a ``dask.distributed`` Client or a scheduler address) computes the same table on Dask
    (:func:`toolkit.scale.functions.find_mentions`).

    Columns: ``doc_id`` (str), ``sentence`` (index of the sentence of ``start``, from
    ``toolkit.text.sentences``), ``start``, ``end`` (offsets into the ORIGINAL text,
    proclitics included), ``surface`` (= text[start:end]), ``actor_id``, ``actor_type``,
    ``via`` (alias, role, demonym, metonym, ambiguous), ``matched`` (the dictionary entry).

    ``frame.attrs["groups"]`` maps each actor id to its groups (all dates; see
    ``Actors.groups(date)`` for one day's memberships).

    >>> m = find_mentions("استقبل ماكرون المشير حفتر، ودعا لفرنسا والأتراك")
    >>> m[["surface", "actor_id", "via"]].values.tolist()
    [['ماكرون', 'macron', 'alias'], ['حفتر', 'haftar', 'alias'], ['لفرنسا', 'france', 'alias'], ['والأتراك', 'turkey', 'demonym']]
    """
    if actors is None:
        from toolkit.actors.dictionary import load_default_actors

        actors = load_default_actors()
    default = as_day(date)
    if date is not None and default is None:
        raise ValueError(f"date must be a date like '2020-03-10', got {date!r}")
    if client is not None:
        if date is not None:
            raise ValueError(
                "date= cannot be combined with client=: give the documents a 'date' column"
            )
        from toolkit.scale.functions import find_mentions as on_dask

        return on_dask(corpus, actors, client=client)
    matcher = _matcher(actors)
    known = _sentence_starts_of(corpus) if is_analysis(corpus) else None
    ids, types = matcher._ids, matcher._types
    rows: list[tuple] = []
    docs = iter(_documents(corpus))
    while True:
        chunk = list(islice(docs, _CHUNK_DOCS))
        if not chunk:
            break
        days = [as_day(d) for _, _, d in chunk]
        found = matcher.spans_many([t for _, t, _ in chunk],
                                   [default if d is None else d for d in days])
        for (doc_id, text, _), spans in zip(chunk, found, strict=True):
            if not spans:
                continue
            if known is not None:
                starts = known.get(doc_id, [0])
            else:
                starts = sentence_starts(text, upto=max(f[1] for f in spans))
            for s, e, ai, via, matched in spans:
                rows.append((doc_id, max(bisect_right(starts, s) - 1, 0), s, e, text[s:e],
                             ids[ai], types[ai], via, matched))
    frame = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    frame = frame.astype({"sentence": "int64", "start": "int64", "end": "int64"})
    for col in ("doc_id", "surface", "actor_id", "actor_type", "via", "matched"):
        frame[col] = frame[col].astype(str) if len(frame) else frame[col].astype(object)
    frame.attrs["groups"] = {a.id: list(a.groups or (a.id,)) for a in actors}
    return frame
