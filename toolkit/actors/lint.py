"""Lint an actor dictionary: what loads but is probably a mistake, in linear time.

Every check indexes the forms once (hash maps, a sorted vocabulary for prefix patterns)
instead of comparing forms pairwise, so 100,000 aliases lint in seconds.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path

import pandas as pd

from toolkit.actors.collisions import collision, common_words
from toolkit.actors.dictionary import ID_PATTERN, Actors, Role, load_actors
from toolkit.text import normalize

__all__ = ["LINT_COLUMNS", "LINT_KINDS", "GENERIC_NOUNS", "lint_actors"]

LINT_COLUMNS = ["actor", "field", "problem", "kind"]
#: every kind of problem, most serious first
LINT_KINDS = (
    "bad-id", "dates", "empty", "claimed", "duplicate", "role-overlap", "group", "generic",
    "short", "demonym-article", "prefix", "collision", "shadowed",
)
#: nouns that name a kind of actor, not one actor (as an alias they match everywhere)
GENERIC_NOUNS = (
    "رئيس", "الرئيس", "رئيسة", "وزير", "الوزير", "وزيرة", "وزارة", "الوزارة", "حكومة", "الحكومة",
    "شركة", "الشركة", "مجلس", "المجلس", "جيش", "الجيش", "دولة", "الدولة", "جماعة", "الجماعة",
    "حزب", "الحزب", "حركة", "الحركة", "منظمة", "المنظمة", "هيئة", "الهيئة", "لجنة", "اللجنة",
    "برلمان", "البرلمان", "شرطة", "الشرطة", "قوات", "القوات", "أمن", "الأمن", "ملك", "الملك",
    "أمير", "الأمير", "سفير", "السفير", "سفارة", "السفارة", "مسؤول", "المسؤول", "مدير", "المدير",
    "قائد", "القائد", "زعيم", "الزعيم", "متحدث", "المتحدث", "ناطق", "الناطق", "مصدر", "المصدر",
    "مصادر", "المصادر", "العاصمة", "عاصمة", "مدينة", "المدينة", "بلد", "البلد", "البلاد", "الشعب",
    "المعارضة", "النظام", "التحالف", "الاتحاد", "المملكة", "الجمهورية", "الإمارة", "السلطة",
)
_FORM_FIELDS = ("aliases", "demonyms", "metonyms", "ambiguous")


def _key(form: str) -> str:
    return " ".join(re.sub(r"[\W_]", " ", normalize(form.rstrip("*").replace("(ال)", ""))).split())


@lru_cache(maxsize=1)
def _generic() -> frozenset[str]:
    return frozenset(normalize(w) for w in GENERIC_NOUNS)


@lru_cache(maxsize=1)
def _sorted_vocabulary() -> list[str]:
    return sorted(common_words())


def lint_actors(actors: Actors | str | Path) -> pd.DataFrame:
    """List the probable mistakes of a dictionary that loads: one row per problem.

    Columns ``actor`` (id), ``field``, ``problem``, ``kind``; kinds (:data:`LINT_KINDS`):

    * ``bad-id`` (not ``[a-z0-9_]+``), ``dates`` (``from`` after ``to``), ``empty``
      (nothing to match), ``group`` (neither an actor id nor used by two actors);
    * ``claimed`` / ``duplicate``: one form (after search normalization) claimed by two
      actors, or twice by one; ``role-overlap``: one title held by two actors (or twice)
      on overlapping dates;
    * ``generic`` (رئيس، شركة، وزارة: a kind of actor, not an actor), ``short`` (one or
      two letters), ``demonym-article`` (a demonym written with ال: write فرنسي, the ال
      forms are generated), ``prefix`` (a ``*`` pattern that also catches common words:
      ``تركي*`` catches تركيز);
    * ``collision``: the form is a stopword or a common word (see
      ``toolkit.actors.collisions``); it is matched only with evidence, so this is a
      warning, not an error;
    * ``shadowed``: an alias inside a longer alias of another actor (often deliberate:
      ليبيا inside فجر ليبيا).

    >>> lint_actors(Actors.from_dict({"actors": [
    ...     {"id": "a", "label": "أ", "type": "person", "aliases": ["حفتر"]},
    ...     {"id": "b", "label": "ب", "type": "person", "aliases": ["حفتر"]}]})).problem[0]
    "'حفتر' is also claimed by 'a' (aliases)"
    """
    if not isinstance(actors, Actors):
        actors = load_actors(actors)
    rows: list[tuple[str, str, str, str]] = []
    add = rows.append
    owners: dict[str, tuple[str, str]] = {}
    aliases: dict[str, set[str]] = {}  # alias key -> actor ids
    alias_form: dict[tuple[str, str], str] = {}
    generic = _generic()
    for a in actors:
        if not ID_PATTERN.fullmatch(a.id):
            add((a.id, "id", f"id {a.id!r} is not [a-z0-9_]+", "bad-id"))
        if not (a.aliases or a.roles or a.demonyms or a.metonyms or a.ambiguous):
            add((a.id, "aliases", "nothing to match (no aliases, roles, demonyms, ...)", "empty"))
        for i, r in enumerate(a.roles):
            if r.start and r.end and r.start > r.end:
                add((a.id, f"roles[{i}]", f"'from' {r.start} is after 'to' {r.end} ({r.title})",
                     "dates"))
        for i, m in enumerate(a.memberships):
            if m.start and m.end and m.start > m.end:
                add((a.id, f"groups[{i}]", f"'from' {m.start} is after 'to' {m.end} ({m.id})",
                     "dates"))
        own = _own_demonym_forms(a)
        for f in _FORM_FIELDS:
            for form in getattr(a, f):
                key = _key(form)
                if not key:
                    add((a.id, f, f"{form!r} is empty after normalization", "empty"))
                    continue
                _form_checks(a.id, f, form, key, generic, add, own)
                if f == "ambiguous":
                    continue
                own_key = key + ("*" if form.endswith("*") else "")  # حوثي* is not حوثي
                prev = owners.get(own_key)
                if prev and prev[0] != a.id:
                    add((a.id, f, f"{form!r} is also claimed by {prev[0]!r} ({prev[1]})", "claimed"))
                elif prev and prev[1] == f:  # a demonym spelled like the name (مالي) is fine
                    add((a.id, f, f"{form!r} is listed twice", "duplicate"))
                else:
                    owners[own_key] = (a.id, f)
                if f == "aliases":
                    aliases.setdefault(key, set()).add(a.id)
                    alias_form.setdefault((key, a.id), form)
    _shadowed(aliases, alias_form, add)
    _role_overlaps(actors, add)
    _groups(actors, add)
    return pd.DataFrame(rows, columns=LINT_COLUMNS)


def _own_demonym_forms(actor) -> frozenset[str]:
    """The actor's generated demonym forms, unless a demonym is spelled like a colliding
    alias (مالي): سورية is then the demonym سوري + ة, not a common word."""
    from toolkit.actors.match import demonym_forms

    colliding = {_key(f) for f in actor.aliases if collision(f) is not None}
    out: set[str] = set()
    for d in actor.demonyms:
        if _key(d) not in colliding and not d.endswith("*"):
            out.update(demonym_forms(d))
    return frozenset(out)


def _form_checks(actor_id: str, f: str, form: str, key: str, generic, add, own=frozenset()) -> None:
    if f == "ambiguous":  # marked by the author: matched only with evidence already
        return
    bare = key.replace(" ", "")
    if len(bare) <= 2:
        add((actor_id, f, f"{form!r} has {len(bare)} letter(s): it matches inside ordinary text",
             "short"))
    if key in generic:
        add((actor_id, f, f"{form!r} is a generic noun (a kind of actor, not one actor)", "generic"))
    if f == "demonyms" and form.startswith("ال") and " " not in key:
        add((actor_id, f, f"demonym {form!r} is written with ال; write {form[2:]!r} (the ال forms "
             "are generated)", "demonym-article"))
    if form.endswith("*"):
        caught = _prefix_catches(key)
        if caught:
            add((actor_id, f, f"prefix pattern {form!r} also catches common words: "
                 + "، ".join(caught[:5]), "prefix"))
        return
    if f in ("aliases", "metonyms") and key not in own:
        c = collision(form)
        if c is not None:
            add((actor_id, f, c.reason, "collision"))


def _prefix_catches(prefix: str) -> list[str]:
    """Common words (collisions) that start with ``prefix`` or ال + ``prefix``: bisect on the
    sorted vocabulary, so each pattern costs log V plus what it catches."""
    vocab = _sorted_vocabulary()
    out = []
    for p in (prefix, "ال" + prefix):
        i = bisect_left(vocab, p)
        while i < len(vocab) and vocab[i].startswith(p) and len(out) < 20:
            word = vocab[i]
            if collision(word) is not None:
                out.append(word)
            i += 1
    return out


def _shadowed(aliases: dict[str, set[str]], forms: dict[tuple[str, str], str], add) -> None:
    """An alias that is a whole-word part of a longer alias of another actor.

    Each longer alias is cut into its word n-grams (a few per alias) and each n-gram is
    looked up: linear in the total number of words, not quadratic in aliases."""
    for long_key, long_ids in aliases.items():
        words = long_key.split()
        if len(words) < 2:
            continue
        seen: set[str] = set()
        for n in range(1, len(words)):
            for i in range(len(words) - n + 1):
                part = " ".join(words[i : i + n])
                if part in seen or part not in aliases:
                    continue
                seen.add(part)
                for sid in sorted(aliases[part]):
                    for lid in sorted(long_ids - {sid}):
                        add((sid, "aliases", f"{forms[(part, sid)]!r} is shadowed by the longer "
                             f"alias {forms[(long_key, lid)]!r} of {lid!r}", "shadowed"))


def _role_overlaps(actors: Actors, add) -> None:
    """One title on overlapping dates: per title, a sweep over the roles sorted by start
    (each role compared with the one reaching furthest so far)."""
    by_title: dict[str, list[tuple[dt.date, dt.date, str, int, Role]]] = {}
    lo, hi = dt.date.min, dt.date.max
    for a in actors:
        for i, r in enumerate(a.roles):
            if r.start and r.end and r.start > r.end:
                continue  # an empty range overlaps nothing
            by_title.setdefault(_key(r.title), []).append((r.start or lo, r.end or hi, a.id, i, r))
    for entries in by_title.values():
        if len(entries) < 2:
            continue
        entries.sort(key=lambda e: (e[0], e[1]))
        reach = entries[0]
        for e in entries[1:]:
            if e[0] <= reach[1]:
                add((e[2], f"roles[{e[3]}]", f"title {e[4].title!r} overlaps in time with "
                     f"{reach[2]!r} roles[{reach[3]}]", "role-overlap"))
            if e[1] > reach[1]:
                reach = e


def _groups(actors: Actors, add) -> None:
    ids = set(actors.ids)
    used: dict[str, int] = {}
    for a in actors:
        for g in a.groups:
            used[g] = used.get(g, 0) + 1
    for a in actors:
        for g in a.groups:
            if g not in ids and used[g] < 2:
                add((a.id, "groups", f"group {g!r} is not an actor id and used only once", "group"))
