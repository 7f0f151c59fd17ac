"""The actor dictionary: its YAML format, the loader that checks it, and the linter.

The format is fixed in DESIGN.md (outside files use it)::

    name: libya-2020
    actors:
      - id: haftar                      # [a-z0-9_]+, unique
        label: {ar: خليفة حفتر, en: Khalifa Haftar}
        type: person                    # person | organization | country | place | group
        groups: [lna]                   # camps/parents the actor counts toward
        aliases: [خليفة حفتر, حفتر]
        roles:                          # titles that mean the actor inside a date range
          - {title: قائد الجيش الوطني الليبي, from: 2015-03-02}
        demonyms: [فرنسي]               # nisba forms are inflected; others (أتراك) get ال only
        metonyms: [باريس]               # counted for the actor, flagged as metonym
        ambiguous: [سلامة]              # only next to a title or after a full alias

:func:`load_actors` rejects what cannot be matched sensibly (malformed YAML with its
line and column, unknown fields, wrong types, duplicate ids, unreadable dates), always
naming the file, the actor (id, else its position) and the field.  :func:`lint_actors`
lists what loads but is probably a mistake (see its docstring).

Role dates may be ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``: a partial ``from`` starts
on the first day of that period and a partial ``to`` ends on its last day; ``to`` is
inclusive and either end may be left open.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from toolkit.text import normalize

__all__ = [
    "ACTOR_TYPES",
    "ActorsError",
    "Role",
    "Actor",
    "Actors",
    "load_actors",
    "load_default_actors",
    "lint_actors",
]

ACTOR_TYPES = ("person", "organization", "country", "place", "group")
ID_PATTERN = re.compile(r"[a-z0-9_]+")
LIST_FIELDS = ("groups", "aliases", "demonyms", "metonyms", "ambiguous")
ACTOR_FIELDS = ("id", "label", "type", "roles") + LIST_FIELDS
TOP_FIELDS = ("name", "description", "actors")
ROLE_FIELDS = ("title", "from", "to")
LABEL_LANGS = ("ar", "en")


class ActorsError(ValueError):
    """An actor dictionary that cannot be loaded; the message names file, actor and field."""


@dataclass(frozen=True)
class Role:
    """A title that means one actor between ``start`` and ``end`` (inclusive, open if None)."""

    title: str
    start: dt.date | None = None
    end: dt.date | None = None

    def covers(self, date: object) -> bool:
        """True when ``date`` falls inside the range; False for a missing date (None/NaT).

        >>> Role("الرئيس الفرنسي", dt.date(2017, 5, 14)).covers(dt.date(2020, 3, 10))
        True
        """
        day = _as_day(date)
        if day is None:
            return False
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Actor:
    """One actor of the dictionary (see the module docstring for each field)."""

    id: str
    label: dict[str, str]
    type: str
    groups: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    demonyms: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()

    def name(self, lang: str = "ar") -> str:
        """The label in ``lang`` (``ar`` or ``en``), falling back to the other one, then the id."""
        return self.label.get(lang) or next(iter(self.label.values()), None) or self.id


@dataclass
class Actors:
    """An ordered, id-indexed collection of :class:`Actor` (what :func:`load_actors` returns).

    >>> actors = Actors.from_dict({"actors": [
    ...     {"id": "libya", "label": {"ar": "ليبيا"}, "type": "country", "aliases": ["ليبيا"]}]})
    >>> actors.label("libya"), len(actors), "libya" in actors
    ('ليبيا', 1, True)
    """

    actors: list[Actor]
    name: str = ""
    source: str = "<dict>"
    _by_id: dict[str, Actor] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id = {a.id: a for a in self.actors}

    def __iter__(self) -> Iterator[Actor]:
        return iter(self.actors)

    def __len__(self) -> int:
        return len(self.actors)

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._by_id

    def __getitem__(self, actor_id: str) -> Actor:
        try:
            return self._by_id[actor_id]
        except KeyError:
            raise KeyError(f"no actor with id {actor_id!r} in {self.source}") from None

    @property
    def ids(self) -> list[str]:
        """The actor ids, in dictionary order."""
        return [a.id for a in self.actors]

    def label(self, actor_id: str, lang: str = "ar") -> str:
        """The display label of ``actor_id`` in ``lang`` (``ar`` or ``en``); unknown ids give the id.

        >>> load_default_actors().label("haftar", lang="en")
        'Khalifa Haftar'
        """
        if lang not in LABEL_LANGS:
            raise ValueError(f"lang must be one of {list(LABEL_LANGS)}, got {lang!r}")
        actor = self._by_id.get(actor_id)
        return actor.name(lang) if actor else actor_id

    def labels(self, lang: str = "ar") -> dict[str, str]:
        """``{actor_id: label}`` for every actor (handy for chart labels)."""
        return {a.id: a.name(lang) for a in self.actors}

    def groups(self) -> dict[str, tuple[str, ...]]:
        """``{actor_id: groups}``; an actor without groups counts toward its own id."""
        return {a.id: (a.groups or (a.id,)) for a in self.actors}

    def frame(self) -> pd.DataFrame:
        """One row per actor: ``id, label_ar, label_en, type, groups, aliases`` (lists joined by |)."""
        return pd.DataFrame(
            {
                "id": [a.id for a in self.actors],
                "label_ar": [a.label.get("ar", "") for a in self.actors],
                "label_en": [a.label.get("en", "") for a in self.actors],
                "type": [a.type for a in self.actors],
                "groups": ["|".join(a.groups) for a in self.actors],
                "aliases": ["|".join(a.aliases) for a in self.actors],
            }
        )

    @classmethod
    def from_dict(cls, data: object, source: str = "<dict>") -> Actors:
        """Build from the parsed YAML structure (a mapping with ``actors``), checking it."""
        return _parse(data, source)


# --------------------------------------------------------------------------- loading


def load_actors(path: str | Path) -> Actors:
    """Load and check an actor dictionary in the YAML format of DESIGN.md.

    Raises :class:`ActorsError` (a ValueError) naming the file, the actor and the field:
    malformed YAML (line and column), unknown fields, wrong types, duplicate ids.

    >>> actors = load_actors(DEFAULT_PATH)
    >>> actors["haftar"].label["ar"]
    'خليفة حفتر'
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise FileNotFoundError(f"actor dictionary not found: {path}") from None
    except OSError as exc:
        raise ActorsError(f"{path}: cannot read the actor dictionary ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ActorsError(
            f"{path}: not UTF-8 text (byte {exc.start}); save the dictionary as UTF-8"
        ) from None
    return _parse(_safe_load(text, str(path)), str(path))


DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "actors" / "libya.yaml"


@lru_cache(maxsize=1)
def load_default_actors() -> Actors:
    """The default dictionary ``toolkit/data/actors/libya.yaml`` (Libya 2015 and 2020 coverage).

    Loaded once and shared (so its compiled matcher is reused); treat it as read-only.

    >>> "haftar" in load_default_actors()
    True
    """
    ref = resources.files("toolkit") / "data" / "actors" / "libya.yaml"
    with resources.as_file(ref) as path:
        return load_actors(path)


def _safe_load(text: str, source: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ActorsError(f"{source}: malformed YAML{where}: {problem}") from None


def _parse(data: object, source: str) -> Actors:
    if not isinstance(data, Mapping):
        raise ActorsError(
            f"{source}: expected a mapping with an 'actors' list at the top, "
            f"got {type(data).__name__}"
        )
    unknown = sorted(set(map(str, data)) - set(TOP_FIELDS))
    if unknown:
        raise ActorsError(
            f"{source}: unknown top-level field(s) {unknown}; accepted: {list(TOP_FIELDS)}"
        )
    items = data.get("actors")
    if not isinstance(items, list):
        raise ActorsError(
            f"{source}: field 'actors' must be a list of actors, got {type(items).__name__}"
        )
    actors: list[Actor] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        actor = _parse_actor(item, index, source)
        if actor.id in seen:
            raise ActorsError(
                f"{source}: duplicate actor id {actor.id!r} (actors #{seen[actor.id]} and #{index})"
            )
        seen[actor.id] = index
        actors.append(actor)
    name = data.get("name") or ""
    if not isinstance(name, str):
        raise ActorsError(f"{source}: field 'name' must be a string, got {type(name).__name__}")
    return Actors(actors, name=name, source=source)


def _parse_actor(item: object, index: int, source: str) -> Actor:
    where = f"{source}: actor #{index}"
    if not isinstance(item, Mapping):
        raise ActorsError(f"{where}: expected a mapping of fields, got {type(item).__name__}")
    raw_id = item.get("id")
    if raw_id is None or (isinstance(raw_id, str) and not raw_id.strip()):
        raise ActorsError(f"{where}: missing field 'id'")
    if not isinstance(raw_id, (str, int)) or isinstance(raw_id, bool):
        raise ActorsError(f"{where}: field 'id' must be a string, got {type(raw_id).__name__}")
    actor_id = str(raw_id)
    where = f"{source}: actor {actor_id!r} (#{index})"
    unknown = sorted(set(map(str, item)) - set(ACTOR_FIELDS))
    if unknown:
        raise ActorsError(f"{where}: unknown field(s) {unknown}; accepted: {list(ACTOR_FIELDS)}")

    label = item.get("label")
    if isinstance(label, str):
        label = {"ar": label}
    if not isinstance(label, Mapping) or not label:
        raise ActorsError(f"{where}: field 'label' must be a mapping like {{ar: ..., en: ...}}")
    bad = sorted(set(map(str, label)) - set(LABEL_LANGS))
    if bad:
        raise ActorsError(f"{where}: field 'label' has unknown language(s) {bad}; accepted: ar, en")
    for lang, value in label.items():
        if not isinstance(value, str) or not value.strip():
            raise ActorsError(f"{where}: field 'label.{lang}' must be a non-empty string")

    kind = item.get("type")
    if kind not in ACTOR_TYPES:
        raise ActorsError(f"{where}: field 'type' must be one of {list(ACTOR_TYPES)}, got {kind!r}")

    lists = {f: _string_list(item.get(f), f"{where}: field '{f}'") for f in LIST_FIELDS}
    roles = _roles(item.get("roles"), where)
    return Actor(id=actor_id, label=dict(label), type=kind, roles=roles, **lists)


def _string_list(value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise ActorsError(f"{where} must be a list of strings, got {type(value).__name__}")
    out = []
    for i, v in enumerate(value):
        if isinstance(v, bool) or not isinstance(v, (str, int)):
            raise ActorsError(f"{where}[{i}] must be a string, got {type(v).__name__}: {v!r}")
        v = str(v).strip()
        if not v:
            raise ActorsError(f"{where}[{i}] is empty")
        out.append(v)
    return tuple(out)


def _roles(value: object, where: str) -> tuple[Role, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ActorsError(f"{where}: field 'roles' must be a list, got {type(value).__name__}")
    roles = []
    for i, r in enumerate(value):
        here = f"{where}: field 'roles[{i}]'"
        if isinstance(r, str):
            r = {"title": r}
        if not isinstance(r, Mapping):
            raise ActorsError(f"{here} must be a mapping {{title, from, to}}")
        unknown = sorted(set(map(str, r)) - set(ROLE_FIELDS))
        if unknown:
            raise ActorsError(f"{here}: unknown field(s) {unknown}; accepted: {list(ROLE_FIELDS)}")
        title = r.get("title")
        if not isinstance(title, str) or not title.strip():
            raise ActorsError(f"{here}: missing or empty 'title'")
        start = _date(r.get("from"), f"{here}.from", end=False)
        end = _date(r.get("to"), f"{here}.to", end=True)
        roles.append(Role(title.strip(), start, end))
    return tuple(roles)


def _date(value: object, where: str, end: bool) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", text)
    if m:
        year, month, day = int(m[1]), m[2], m[3]
        try:
            if day:
                return dt.date(year, int(month), int(day))
            if month:
                last = calendar.monthrange(year, int(month))[1] if end else 1
                return dt.date(year, int(month), last)
            return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
        except ValueError:
            pass
    raise ActorsError(f"{where}: expected a date like 2015-03-02 (or 2015-03, 2015), got {value!r}")


def _as_day(date: object) -> dt.date | None:
    if date is None:
        return None
    try:
        if pd.isna(date):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(date, dt.datetime):
        return date.date()
    if isinstance(date, dt.date):
        return date
    try:
        return pd.Timestamp(date).date()
    except (TypeError, ValueError):
        return None


# --------------------------------------------------------------------------- lint


def lint_actors(actors: Actors | str | Path) -> pd.DataFrame:
    """List the probable mistakes of a dictionary that loads: one row per problem.

    Checks: ids not ``[a-z0-9_]+``; a role whose ``from`` is after its ``to``; the same
    form (after search normalization) claimed by two actors as alias, demonym or metonym;
    an alias contained, on word boundaries, in a longer alias of another actor (the longer
    one always wins, so the shorter never matches there); one role title given to two
    actors (or twice to one) with overlapping dates; an actor with nothing to match; a
    group that is neither an actor id nor used by two actors (likely a typo).

    Columns: ``actor`` (id), ``field``, ``problem``, ``kind`` (bad-id, dates, claimed,
    duplicate, shadowed, role-overlap, empty, group).  Shadowing is often deliberate
    (``ليبيا`` inside ``فجر ليبيا``); the other kinds are usually mistakes.

    >>> lint_actors(Actors.from_dict({"actors": [
    ...     {"id": "a", "label": "أ", "type": "person", "aliases": ["حفتر"]},
    ...     {"id": "b", "label": "ب", "type": "person", "aliases": ["حفتر"]}]})).problem[0]
    "'حفتر' is also claimed by 'a' (aliases)"
    """
    if not isinstance(actors, Actors):
        actors = load_actors(actors)
    rows: list[tuple[str, str, str, str]] = []
    owners: dict[str, tuple[str, str]] = {}
    aliases: list[tuple[str, str, str]] = []  # (normalized alias, actor, original)
    for a in actors:
        if not ID_PATTERN.fullmatch(a.id):
            rows.append((a.id, "id", f"id {a.id!r} is not [a-z0-9_]+", "bad-id"))
        if not (a.aliases or a.roles or a.demonyms or a.metonyms or a.ambiguous):
            rows.append((a.id, "aliases", "nothing to match (no aliases, roles, demonyms, ...)", "empty"))
        for i, r in enumerate(a.roles):
            if r.start and r.end and r.start > r.end:
                rows.append(
                    (a.id, f"roles[{i}]", f"'from' {r.start} is after 'to' {r.end} ({r.title})",
                     "dates")
                )
        for f in ("aliases", "demonyms", "metonyms"):
            for form in getattr(a, f):
                key = normalize(form)
                if not key.strip():
                    rows.append((a.id, f, f"{form!r} is empty after normalization", "empty"))
                    continue
                prev = owners.get(key)
                if prev and prev[0] != a.id:
                    rows.append(
                        (a.id, f, f"{form!r} is also claimed by {prev[0]!r} ({prev[1]})", "claimed")
                    )
                elif prev:
                    rows.append((a.id, f, f"{form!r} is listed twice", "duplicate"))
                else:
                    owners[key] = (a.id, f)
                if f == "aliases":
                    aliases.append((key, a.id, form))
    # shadowing: a shorter alias inside a longer alias of another actor, on word boundaries
    for short, sid, sform in aliases:
        pat = re.compile(r"(?<!\w)" + re.escape(short) + r"(?!\w)")
        for long, lid, lform in aliases:
            if lid != sid and len(long) > len(short) and pat.search(long):
                rows.append(
                    (sid, "aliases", f"{sform!r} is shadowed by the longer alias {lform!r} of {lid!r}",
                     "shadowed")
                )
    # overlapping roles for one title
    by_title: dict[str, list[tuple[str, int, Role]]] = {}
    for a in actors:
        for i, r in enumerate(a.roles):
            if not (r.start and r.end and r.start > r.end):  # an empty range overlaps nothing
                by_title.setdefault(normalize(r.title), []).append((a.id, i, r))
    lo, hi = dt.date.min, dt.date.max
    for entries in by_title.values():
        for j, (aid, i, r) in enumerate(entries):
            for bid, k, s in entries[:j]:
                if (r.start or lo) <= (s.end or hi) and (s.start or lo) <= (r.end or hi):
                    rows.append(
                        (aid, f"roles[{i}]", f"title {r.title!r} overlaps in time with {bid!r} roles[{k}]",
                         "role-overlap")
                    )
    # groups that point nowhere
    ids = set(actors.ids)
    used: dict[str, int] = {}
    for a in actors:
        for g in a.groups:
            used[g] = used.get(g, 0) + 1
    for a in actors:
        for g in a.groups:
            if g not in ids and used[g] < 2:
                rows.append(
                    (a.id, "groups", f"group {g!r} is not an actor id and used only once", "group")
                )
    return pd.DataFrame(rows, columns=["actor", "field", "problem", "kind"])
