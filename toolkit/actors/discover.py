"""Candidate actors the dictionary does not know yet, found next to titles and reporting verbs.

:func:`discover_actors` reads names where news prose introduces people and bodies:

* after a person title or rank from ``titles_ar.txt`` (``المشير``، ``اللواء``، ``الرئيس``،
  ``وزير``): nisba adjectives and other definite words right after the title are skipped
  (``الرئيس الفرنسي``، ``العقيد الراحل``), then a name of one to three words is read — it
  starts with a word without the article and stops after a word with it (``أحمد
  المسماري``), at punctuation, a stopword, a number or a title; ``عبد``، ``أبو``، ``بن``
  join the next word;
* after ``باسم`` (``الناطق باسم``، ``المتحدث باسم``): the body spoken for (``القوات
  الجوية``، ``وزارة الخارجية``);
* after a finite reporting verb (``قال``، ``أكد`` ...): a name, when its first word is seen
  elsewhere in the corpus as part of a title-anchored name (so ``وتابع الميهوب`` counts
  once ``طلال الميهوب`` was read after a title, while ``وقال المسؤول`` does not).

Occurrences that overlap a mention of the dictionary are left out (the matcher handles
clitics, roles and ambiguous names), so what remains is new. Candidates are ranked by
count, then documents; :func:`to_yaml_stub` writes them in the dictionary format for a
person to review.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from functools import lru_cache

import pandas as pd
import yaml

from toolkit.actors.speech.lexicon import (
    check_corpus,
    data_path,
    lexicon,
    person_titles,
    reporting_verb,
    strip_al,
    titles,
)
from toolkit.corpus import Corpus
from toolkit.text import normalize, tokenize
from toolkit.text.stopwords import STOPWORDS

try:
    from toolkit.text import split_proclitics as _split
except ImportError:  # pragma: no cover - older toolkit.text
    _split = None

__all__ = ["DISCOVER_COLUMNS", "discover_actors", "to_yaml_stub", "slugify"]

#: the columns of :func:`discover_actors`
DISCOVER_COLUMNS = ["candidate", "count", "docs", "anchor", "kind", "example", "example_doc"]
_JOINERS = frozenset({"عبد", "ابو", "بن", "ابن", "بنت", "ام"})
_MAX_NAME = 3


@lru_cache(maxsize=1)
def _anchors() -> dict[tuple[str, ...], str]:
    """Normalized title word sequences -> ``person``, from ``titles_ar.txt`` (places left out)."""
    out: dict[tuple[str, ...], str] = {}
    for words in person_titles():
        # a bare construct head (رئيس، وزير) is followed by its genitive, not a name
        if words and words[-1] != "باسم" and (len(words) > 1 or words[0].startswith("ال")):
            out[words] = "person"
    return out


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    """Every single title word, bare construct heads included (رئيس، مهندس)."""
    return titles()


@lru_cache(maxsize=1)
def _honorifics() -> frozenset[str]:
    """Honorifics (صاحب السمو، معالي) from ``honorifics.txt``, normalized."""
    words = data_path("honorifics.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(normalize(w.strip(), "search") for w in words if w.strip() and w[0] != "#")


def _is_title_word(norm: str) -> bool:
    return norm in _title_words()


def _has_clitic(norm: str) -> bool:
    """A preposition or conjunction on the word (لمجلس، بمقدونيا، للقوات): not a name start."""
    if norm.startswith(("لل", "بال", "وال", "فال", "كال")):
        return True
    if _split is None:
        return False
    prefix = _split(norm)[0]
    return bool(prefix) and prefix != "ال"


def _is_definite(norm: str) -> bool:
    return norm.startswith("ال") and len(norm) > 3


def _bare_conj(norm: str) -> str:
    return norm[1:] if len(norm) > 3 and norm[0] in "وف" else norm


def _name_after(toks, k: int, blocked, name_words: set[str] | None = None) -> tuple[int, int]:
    """Token range of a personal name starting at or after ``k`` (empty when none)."""
    n = len(toks)
    anchors = _anchors()
    # skip definite adjectives of the title (الفرنسي، الرسمي، الراحل) and stacked titles
    # (المقدم مهندس) — at most three words
    skipped = 0
    while (
        k < n
        and skipped < 3
        and toks[k].kind == "word"
        and not blocked(k)
        and (
            (_is_definite(toks[k].norm) and (name_words is None or toks[k].norm not in name_words))
            or (toks[k].norm,) in anchors
            or _is_title_word(toks[k].norm)
            or toks[k].norm in _honorifics()
        )
    ):
        k += 1
        skipped += 1
    a = k
    if k >= n or toks[k].kind != "word" or blocked(k):
        return a, a
    first = toks[k].norm
    if first in STOPWORDS or first == "باسم" or reporting_verb(first) or _has_clitic(first):
        return a, a
    if _is_title_word("ال" + first) or first in _honorifics():
        return a, a  # نائب رئيس ...: a title's construct, not a name
    if _is_definite(first) and (name_words is None or first not in name_words):
        return a, a
    b = k
    while b < n and b - a < _MAX_NAME and toks[b].kind == "word" and not blocked(b):
        norm = toks[b].norm
        if b > a and (norm in STOPWORDS or (norm,) in anchors or reporting_verb(norm)):
            break
        if (
            b > a
            and norm[:1] in "وف"
            and _bare_conj(norm) != norm
            and toks[b - 1].norm not in _JOINERS
        ):
            break  # وكبار, وزير ... after a name: a new phrase
        b += 1
        if _is_definite(norm) and toks[b - 1].norm not in _JOINERS:
            break  # the family name with the article closes the name: أحمد المسماري
    # a name ending on a joiner (عبد، أبو) is cut: keep it only if another word follows
    while b > a and toks[b - 1].norm in _JOINERS:
        b -= 1
    # no proclitic preposition on a name's first word (بحفتر is a mention, not a name)
    return a, b


def _body_after(toks, k: int, blocked) -> tuple[int, int]:
    """Token range of the body after ``باسم``: an idafa chain of up to four words."""
    n = len(toks)
    a = b = k
    while b < n and b - a < 4 and toks[b].kind == "word" and not blocked(b):
        norm = toks[b].norm
        if norm in STOPWORDS:
            break
        if b > a and not _is_definite(norm) and _is_definite(toks[b - 1].norm):
            break  # الوزارة جون: the body ended, a name starts
        b += 1
    return a, b


def discover_actors(corpus: Corpus, actors=None, min_count: int = 2, mentions=None) -> pd.DataFrame:
    """Candidate names not in the dictionary, anchored on titles, ``باسم`` and reporting verbs.

    Parameters
    ----------
    corpus : Corpus
    actors : Actors, optional
        The dictionary whose names are already known (default: the default dictionary).
    min_count : int
        Keep candidates seen at least this many times (default 2).
    mentions : DataFrame, optional
        The mention table of ``find_mentions(corpus, actors)``, to avoid matching twice.

    Returns
    -------
    DataFrame with columns ``candidate`` (as most often written), ``count``, ``docs``,
    ``anchor`` (the title, ``باسم`` or verb most often in front of it), ``kind``
    (``person`` | ``organization``), ``example`` (its first context, about 50 characters
    each side) and ``example_doc``, ranked by count then documents.

    Example
    -------
    >>> from toolkit.corpus import Corpus
    >>> from toolkit.actors import load_actors
    >>> c = Corpus.from_records([{"text": "وقال العقيد ميلود الزوي إن ..."}] * 2)
    >>> discover_actors(c).loc[0, ["candidate", "anchor"]].tolist()
    ['ميلود الزوي', 'العقيد']
    """
    check_corpus(corpus)
    if isinstance(min_count, bool) or not isinstance(min_count, int) or min_count < 1:
        raise ValueError(f"min_count must be a positive int, got {min_count!r}")
    if len(corpus) == 0:
        return _empty()
    if mentions is None:
        from toolkit.actors import find_mentions, load_default_actors

        mentions = find_mentions(corpus, actors if actors is not None else load_default_actors())
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for doc_id, s, e in mentions[["doc_id", "start", "end"]].itertuples(index=False, name=None):
        spans[str(doc_id)].append((int(s), int(e)))

    anchors = _anchors()
    max_anchor = max(len(k) for k in anchors)
    firsts = {k[0] for k in anchors}
    hits: list[
        tuple[str, str, str, str, str, int, int]
    ] = []  # key, surface, anchor, kind, doc, s, e
    # after a verb, keep only the next few tokens (and whether a mention covers them)
    verb_slots: list[tuple[str, str, list, list[bool]]] = []
    vocab: Counter = Counter()
    texts: dict[str, str] = {}
    for doc in corpus:
        text = doc.text or ""
        doc_id = str(doc.doc_id)
        texts[doc_id] = text
        toks = tokenize(text)
        vocab.update(t.norm for t in toks if t.kind == "word")
        ms = sorted(spans.get(doc_id, []))
        starts = [m[0] for m in ms]
        blocked = _blocker(toks, ms, starts)
        i = 0
        while i < len(toks):
            t = toks[i]
            if t.kind != "word":
                i += 1
                continue
            norm = t.norm
            if norm == "باسم" or norm == "بإسم":
                a, b = _body_after(toks, i + 1, blocked)
                if b > a and (_is_definite(toks[a].norm) or b - a >= 2):
                    hits.append(_hit(text, toks, a, b, "باسم", "organization", doc_id))
                i = max(b, i + 1)
                continue
            # the longest title starting here (with a conjunction in front: والمشير)
            lengths = range(max_anchor, 0, -1)
            if norm not in firsts and _bare_conj(norm) not in firsts:
                lengths = range(0)
            for length in lengths:
                words = [w.norm for w in toks[i : i + length]]
                if len(words) < length or any(w.kind != "word" for w in toks[i : i + length]):
                    continue
                words[0] = _bare_conj(words[0]) if tuple(words) not in anchors else words[0]
                if tuple(words) in anchors and not blocked(i):
                    a, b = _name_after(toks, i + length, blocked)
                    if b > a:
                        anchor = " ".join(w.text for w in toks[i : i + length])
                        anchor = anchor[1:] if toks[i].norm != words[0] else anchor
                        hits.append(_hit(text, toks, a, b, anchor, "person", doc_id))
                    i += length - 1
                    break
            else:
                v = reporting_verb(norm)
                if v is not None and v[1] == "finite":
                    window = toks[i + 1 : i + 2 + _MAX_NAME]
                    flags = [blocked(j) for j in range(i + 1, i + 1 + len(window))]
                    verb_slots.append((doc_id, t.text, window, flags))
            i += 1
    # names read after titles give the words a verb-anchored name may start with: their
    # first names, and their family names written with the article (طلال الميهوب -> الميهوب)
    name_words: set[str] = set()
    title_keys: set[str] = set()
    family: set[str] = set()
    for h in hits:
        words = h[0].split()
        if h[3] == "person" and len(words) >= 2 and not _is_definite(words[0]):
            title_keys.add(h[0])
            name_words.add(words[0])
            last = words[-1]
            # a family name with the article, rarely written without it (المسماري, not
            # الشركة: شركة is common on its own)
            if _is_definite(last) and vocab[strip_al(last)] <= vocab[last] // 4:
                name_words.add(last)
                family.add(last)
    for doc_id, verb, window, flags in verb_slots:
        a, b = _name_after_verb(window, 0, flags.__getitem__, name_words)
        if b <= a:
            continue
        key = " ".join(t.norm for t in window[a:b])
        # a verb only confirms names already introduced with a title: the full name
        # (قال ميلود الزوي) or the family name alone (وأضاف الزوي)
        if key in title_keys or key in family:
            hits.append(_hit(texts[doc_id], window, a, b, verb, "person", doc_id))
    if not hits:
        return _empty()
    return _rank(hits, min_count, texts)


def _name_after_verb(toks, k, blocked, name_words):
    n = len(toks)
    if k >= n or toks[k].kind != "word" or blocked(k):
        return k, k
    first = toks[k].norm
    if first not in name_words or _is_title_word(first) or _starts_anchor(first):
        return k, k
    if strip_al(first) in lexicon().anonymous:
        return k, k  # وقال الخبير: a common noun, however often it follows a verb
    return _name_after(toks, k, blocked, name_words)


@lru_cache(maxsize=4096)
def _starts_anchor(norm: str) -> bool:
    return any(a[0] == norm for a in _anchors())


def _blocker(toks, ms, starts):
    def blocked(i: int) -> bool:
        t = toks[i]
        j = bisect.bisect_right(starts, t.start) - 1
        return j >= 0 and ms[j][1] > t.start

    return blocked


def _hit(text, toks, a, b, anchor, kind, doc_id):
    s, e = toks[a].start, toks[b - 1].end
    key = " ".join(t.norm for t in toks[a:b])
    return (key, text[s:e], anchor, kind, doc_id, s, e)


def _rank(hits, min_count: int, texts: dict[str, str]) -> pd.DataFrame:
    count: Counter = Counter()
    docs: dict[str, set] = defaultdict(set)
    surfaces: dict[str, Counter] = defaultdict(Counter)
    anchor: dict[str, Counter] = defaultdict(Counter)
    kinds: dict[str, Counter] = defaultdict(Counter)
    first: dict[str, tuple] = {}
    for key, surface, anc, kind, doc_id, s, e in hits:
        count[key] += 1
        docs[key].add(doc_id)
        surfaces[key][surface] += 1
        anchor[key][anc] += 1
        kinds[key][kind] += 1
        first.setdefault(key, (doc_id, s, e))
    rows = []
    for key, c in count.items():
        if c < min_count:
            continue
        rows.append(
            {
                "candidate": _top(surfaces[key]),
                "count": c,
                "docs": len(docs[key]),
                "anchor": _top(anchor[key]),
                "kind": _top(kinds[key]),
                "_key": key,
            }
        )
    if not rows:
        return _empty()
    out = pd.DataFrame(rows).sort_values(["count", "docs", "_key"], ascending=[False, False, True])
    out["example_doc"] = [first[k][0] for k in out["_key"]]
    out["example"] = [_context(texts, *first[k]) for k in out["_key"]]
    return out[DISCOVER_COLUMNS].reset_index(drop=True)


def _context(texts: dict[str, str], doc_id: str, s: int, e: int, width: int = 50) -> str:
    """About ``width`` characters each side of a hit, on one line."""
    text = texts[doc_id]
    return " ".join(text[max(0, s - width) : min(len(text), e + width)].split())


def _top(c: Counter) -> str:
    return sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _empty() -> pd.DataFrame:
    df = pd.DataFrame({c: pd.Series(dtype=object) for c in DISCOVER_COLUMNS})
    df["count"] = df["count"].astype("int64")
    df["docs"] = df["docs"].astype("int64")
    return df


# --------------------------------------------------------------------------- YAML stub

_TRANSLIT = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ء": "", "ؤ": "u", "ئ": "i", "ب": "b", "ت": "t",
    "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z",
    "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "gh",
    "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "w",
    "ي": "y", "ى": "a", "ة": "a", "پ": "p", "چ": "ch", "ژ": "zh", "گ": "g", "ڤ": "v",
}  # fmt: skip


def slugify(name: str) -> str:
    """An ASCII id ``[a-z0-9_]+`` for a name: ``أحمد المسماري`` -> ``ahmd_almsmary``.

    >>> slugify("خليفة حفتر")
    'khlyfa_hftr'
    """
    out = []
    for ch in normalize(name, "light"):
        if ch in _TRANSLIT:
            out.append(_TRANSLIT[ch])
        elif ch.isascii() and ch.isalnum():
            out.append(ch.lower())
        else:
            out.append("_")
    slug = re.sub(r"_+", "_", "".join(out)).strip("_")
    return slug or "actor"


def to_yaml_stub(frame: pd.DataFrame, name: str = "discovered") -> str:
    """The candidates of :func:`discover_actors` as a dictionary file to review.

    Each candidate becomes an actor with an ASCII id, its Arabic label, a guessed
    ``type`` and itself as alias, preceded by a comment with its count, anchor and
    example. Load the reviewed file with :func:`toolkit.actors.load_actors`.

    >>> import pandas as pd
    >>> stub = to_yaml_stub(pd.DataFrame([{"candidate": "ميلود الزوي", "count": 3, "docs": 2,
    ...     "anchor": "العقيد", "kind": "person", "example": "...", "example_doc": "d1"}]))
    >>> "id: mylwd_alzwy" in stub
    True
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(
            f"frame must be the DataFrame of discover_actors, got {type(frame).__name__}"
        )
    missing = [c for c in ("candidate", "kind") if c not in frame.columns]
    if missing:
        raise ValueError(f"frame is missing the columns {missing} (see discover_actors)")
    lines = [
        "# Candidate actors found by toolkit.actors.discover_actors: review each entry,",
        "# fix ids, labels, types and aliases, then merge into your dictionary.",
        yaml.safe_dump({"name": name}, allow_unicode=True).rstrip(),
        "actors:",
    ]
    seen: Counter = Counter()
    for row in frame.itertuples(index=False):
        cand = str(row.candidate)
        base = slugify(cand)
        seen[base] += 1
        actor_id = base if seen[base] == 1 else f"{base}_{seen[base]}"
        kind = row.kind if row.kind in ("person", "organization") else "person"
        entry = {
            "id": actor_id,
            "label": {"ar": cand},
            "type": kind,
            "aliases": [cand],
        }
        note = []
        for col in ("count", "docs", "anchor"):
            if hasattr(row, col):
                note.append(f"{col}: {getattr(row, col)}")
        example = " ".join(str(getattr(row, "example", "")).split())
        lines.append(f"  # {'; '.join(note)}")
        if example:
            lines.append(f"  # e.g. {example}")
        dumped = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=1000)
        lines.extend("  " + line for line in dumped.rstrip().splitlines())
    return "\n".join(lines) + "\n"
