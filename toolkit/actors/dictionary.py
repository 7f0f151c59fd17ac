"""The actor dictionary: its YAML format and the loader that checks it.

The format is fixed in DESIGN.md (outside files use it) and documented with Arabic
examples in ``docs/dictionary.md``::

    name: libya-2020
    actors:
      - id: haftar                      # [a-z0-9_]+, unique
        label: {ar: خليفة حفتر, en: Khalifa Haftar}   # optional: the first alias
        type: person                    # person | organization | country | place | group
        groups: [lna]                   # camps/parents; an entry may be {id: au, from: 1963}
        aliases: [خليفة حفتر, حفتر]      # "رواند*" is a prefix pattern, "(ال)كونغو" an optional article
        roles:                          # titles that mean the actor inside a date range
          - {title: قائد الجيش الوطني الليبي, from: 2015-03-02}
        demonyms: [فرنسي]               # nisba forms are inflected; others (أتراك) get ال only
        metonyms: [باريس]               # counted for the actor, flagged as metonym
        ambiguous: [سلامة]              # only next to a title or after a full alias
        unless_before: [دعم, عجز]       # a word right before a form vetoes the match
        unless_after: [بن]              # ... or right after it
        requires: []                    # one of these must stand near (same line, 12 words)

:func:`load_actors` rejects what cannot be matched sensibly (malformed YAML with its
line and column, unknown fields, wrong types, duplicate ids, unreadable dates, a scalar
YAML read as a boolean or a number: ``id: no`` is false in YAML 1.1), always naming the
file, the line, the actor (id, else its position) and the field.  YAML is read within
bounds (``toolkit.actors.yaml_load``: no alias bomb expands, deep nesting is refused).
:func:`~toolkit.actors.lint.lint_actors` lists what loads but is probably a mistake.

Dates (roles and groups) may be ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``: a partial
``from`` starts on the first day of that period and a partial ``to`` ends on its last
day; ``to`` is inclusive and either end may be left open.
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

import pandas as pd

from toolkit.actors.yaml_load import YamlError, load_yaml

__all__ = [
    "ACTOR_TYPES",
    "ActorsError",
    "Role",
    "Membership",
    "Actor",
    "Actors",
    "load_actors",
    "load_default_actors",
    "load_libya_actors",
    "as_day",
]

ACTOR_TYPES = ("person", "organization", "country", "place", "group")
ID_PATTERN = re.compile(r"[a-z0-9_]+")
FORM_FIELDS = ("aliases", "demonyms", "metonyms", "ambiguous")
CONTEXT_FIELDS = ("unless_before", "unless_after", "requires")
LIST_FIELDS = FORM_FIELDS + CONTEXT_FIELDS
ACTOR_FIELDS = ("id", "label", "type", "groups", "roles") + LIST_FIELDS
TOP_FIELDS = ("name", "description", "actors")
ROLE_FIELDS = ("title", "from", "to")
GROUP_FIELDS = ("id", "from", "to")
LABEL_LANGS = ("ar", "en")


class ActorsError(ValueError):
    """An actor dictionary that cannot be loaded; the message names file, line, actor and field."""


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
        day = as_day(date)
        if day is None:
            return False
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Membership:
    """Membership of a group (camp, alliance, parent) between ``start`` and ``end``.

    Unlike a role, an open membership with no dates covers every date, also a missing one.

    >>> Membership("gcc", dt.date(1981, 5, 25)).covers("2015-07-25")
    True
    """

    id: str
    start: dt.date | None = None
    end: dt.date | None = None

    def covers(self, date: object) -> bool:
        """True when ``date`` is inside the range; an undated membership covers anything."""
        if self.start is None and self.end is None:
            return True
        day = as_day(date)
        if day is None:
            return False
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Actor:
    """One actor of the dictionary (see the module docstring for each field).

    ``groups`` lists every group id ever held; ``memberships`` carries their dates
    (:meth:`groups_on` gives the groups of one day).
    """

    id: str
    label: dict[str, str]
    type: str
    groups: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    demonyms: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    unless_before: tuple[str, ...] = ()
    unless_after: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    memberships: tuple[Membership, ...] = ()

    def name(self, lang: str = "ar") -> str:
        """The label in ``lang`` (``ar`` or ``en``), falling back to the other one, then the id."""
        return self.label.get(lang) or next(iter(self.label.values()), None) or self.id

    def groups_on(self, date: object) -> tuple[str, ...]:
        """The groups this actor belongs to on ``date`` (undated memberships always count).

        >>> a = Actor("qatar", {"ar": "قطر"}, "country", groups=("gcc",),
        ...           memberships=(Membership("gcc", dt.date(1981, 5, 25)),))
        >>> a.groups_on("1980-01-01"), a.groups_on("2015-07-25")
        ((), ('gcc',))
        """
        if not self.memberships:
            return self.groups
        return tuple(dict.fromkeys(m.id for m in self.memberships if m.covers(date)))


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

        >>> load_libya_actors().label("haftar", lang="en")
        'Khalifa Haftar'
        """
        if lang not in LABEL_LANGS:
            raise ValueError(f"lang must be one of {list(LABEL_LANGS)}, got {lang!r}")
        actor = self._by_id.get(actor_id)
        return actor.name(lang) if actor else actor_id

    def labels(self, lang: str = "ar") -> dict[str, str]:
        """``{actor_id: label}`` for every actor (handy for chart labels)."""
        return {a.id: a.name(lang) for a in self.actors}

    def groups(self, date: object = None) -> dict[str, tuple[str, ...]]:
        """``{actor_id: groups}``; an actor without groups counts toward its own id.

        With ``date``, only the memberships covering that day (see :meth:`Actor.groups_on`).
        """
        if date is None:
            return {a.id: (a.groups or (a.id,)) for a in self.actors}
        return {a.id: (a.groups_on(date) or (a.id,)) for a in self.actors}

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

    Raises :class:`ActorsError` (a ValueError) naming the file, the line, the actor and
    the field: malformed YAML (line and column), unknown fields, wrong types, duplicate
    ids, a value YAML misread (``id: no`` is the boolean false).

    >>> actors = load_actors(LIBYA_PATH)
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
    try:
        data = load_yaml(text, str(path))
    except YamlError as exc:
        raise ActorsError(str(exc)) from None
    return _parse(data, str(path))


_DATA = Path(__file__).resolve().parent.parent / "data" / "actors"
DEFAULT_PATH = _DATA / "world.yaml"
LIBYA_PATH = _DATA / "libya.yaml"


@lru_cache(maxsize=1)
def load_default_actors() -> Actors:
    """The default dictionary ``toolkit/data/actors/world.yaml``: states, capitals, demonyms,
    international organizations, armed groups and dated office-holders (2000 to today).

    Loaded once and shared (so its compiled matcher is reused); treat it as read-only.

    >>> actors = load_default_actors()
    >>> actors.label("iran", lang="en"), "haftar" in actors
    ('Iran', True)
    """
    ref = resources.files("toolkit") / "data" / "actors" / "world.yaml"
    with resources.as_file(ref) as path:
        return load_actors(path)


@lru_cache(maxsize=1)
def load_libya_actors() -> Actors:
    """The Libya example dictionary ``toolkit/data/actors/libya.yaml`` (Libya 2015 and 2020).

    >>> "sarraj" in load_libya_actors()
    True
    """
    ref = resources.files("toolkit") / "data" / "actors" / "libya.yaml"
    with resources.as_file(ref) as path:
        return load_actors(path)


def _line(obj: object, key: object = None) -> int:
    """The line of ``obj`` (or of its ``key``/index) when the YAML loader recorded it, else 0."""
    if key is not None and hasattr(obj, "line_of"):
        return obj.line_of(key)  # type: ignore[attr-defined]
    return getattr(obj, "line", 0)


def _at(source: str, line: int) -> str:
    return f"{source}: line {line}" if line else source


_TRAP = (
    "YAML 1.1 reads a bare yes/no/on/off/true/false as a boolean, ~/null as nothing and "
    "digits as a number; quote the value"
)


def _misread(value: object, key: str) -> str:
    """The hint for a scalar YAML turned into something else (``id: no`` → False)."""
    if isinstance(value, bool):
        return f"was read as the boolean {str(value).lower()} ({_TRAP}: {key}: 'no')"
    if value is None:
        return f"is empty or was read as null ({_TRAP})"
    if isinstance(value, (int, float)):
        return f"was read as the number {value!r} ({_TRAP})"
    if isinstance(value, (dt.date, dt.datetime)):
        return f"was read as the date {value} ({_TRAP})"
    return f"must be a string, got {type(value).__name__}"


def _parse(data: object, source: str) -> Actors:
    if not isinstance(data, Mapping):
        raise ActorsError(
            f"{source}: expected a mapping with an 'actors' list at the top, "
            f"got {type(data).__name__}"
        )
    unknown = sorted(set(map(str, data)) - set(TOP_FIELDS))
    if unknown:
        raise ActorsError(
            f"{_at(source, _line(data, unknown[0]))}: unknown top-level field(s) {unknown}; "
            f"accepted: {list(TOP_FIELDS)}"
        )
    items = data.get("actors")
    if not isinstance(items, list):
        raise ActorsError(
            f"{source}: field 'actors' must be a list of actors, got {type(items).__name__}"
        )
    actors: list[Actor] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        actor = _parse_actor(item, index, source, _line(items, index))
        if actor.id in seen:
            raise ActorsError(
                f"{_at(source, _line(items, index))}: duplicate actor id {actor.id!r} "
                f"(actors #{seen[actor.id]} and #{index})"
            )
        seen[actor.id] = index
        actors.append(actor)
    name = data.get("name") or ""
    if not isinstance(name, str):
        raise ActorsError(f"{source}: field 'name' {_misread(name, 'name')}")
    return Actors(actors, name=name, source=source)


def _parse_actor(item: object, index: int, source: str, line: int) -> Actor:
    if not isinstance(item, Mapping):
        raise ActorsError(
            f"{_at(source, line)}: actor #{index}: expected a mapping of fields, "
            f"got {type(item).__name__}"
        )
    raw_id = item.get("id")
    if "id" not in item or (isinstance(raw_id, str) and not raw_id.strip()):
        raise ActorsError(f"{_at(source, line)}: actor #{index}: missing field 'id'")
    if not isinstance(raw_id, str):
        raise ActorsError(
            f"{_at(source, _line(item, 'id'))}: actor #{index}: field 'id' {_misread(raw_id, 'id')}"
        )
    actor_id = raw_id.strip()

    def where(key: str | None = None) -> str:
        return f"{_at(source, _line(item, key) if key else line)}: actor {actor_id!r} (#{index})"

    unknown = sorted(set(map(str, item)) - set(ACTOR_FIELDS))
    if unknown:
        raise ActorsError(
            f"{where(unknown[0])}: unknown field(s) {unknown}; accepted: {list(ACTOR_FIELDS)}"
        )

    kind = item.get("type")
    if kind not in ACTOR_TYPES:
        raise ActorsError(
            f"{where('type')}: field 'type' must be one of {list(ACTOR_TYPES)}, got {kind!r}"
        )
    lists = {f: _string_list(item.get(f), item, f, where) for f in LIST_FIELDS}
    roles = _roles(item.get("roles"), item, where)
    memberships = _groups(item.get("groups"), item, where)

    label = item.get("label")
    if label is None:
        first = (lists["aliases"] or lists["ambiguous"] or tuple(r.title for r in roles)
                 or (actor_id,))[0]
        label = {"ar": first.rstrip("*").replace("(ال)", "")}
    if isinstance(label, str):
        label = {"ar": label}
    if not isinstance(label, Mapping) or not label:
        raise ActorsError(
            f"{where('label')}: field 'label' must be a mapping like {{ar: ..., en: ...}}"
        )
    bad = sorted(set(map(str, label)) - set(LABEL_LANGS))
    if bad:
        raise ActorsError(
            f"{where('label')}: field 'label' has unknown language(s) {bad}; accepted: ar, en"
        )
    for lang, value in label.items():
        if not isinstance(value, str) or not value.strip():
            raise ActorsError(f"{where('label')}: field 'label.{lang}' {_misread(value, lang)}")

    return Actor(
        id=actor_id, label=dict(label), type=kind, roles=roles,
        groups=tuple(dict.fromkeys(m.id for m in memberships)),
        memberships=memberships if any(m.start or m.end for m in memberships) else (),
        **lists,
    )


def _string_list(value: object, item: Mapping, key: str, where) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise ActorsError(
            f"{where(key)}: field '{key}' must be a list of strings, got {type(value).__name__}"
        )
    out = []
    for i, v in enumerate(value):
        if not isinstance(v, str):
            line = _line(value, i) or _line(item, key)
            raise ActorsError(
                f"{_with_line(where(key), line)}: field '{key}[{i}]' {_misread(v, key)}"
            )
        v = v.strip()
        if not v:
            raise ActorsError(f"{where(key)}: field '{key}[{i}]' is empty")
        out.append(v)
    return tuple(out)


def _with_line(prefix: str, line: int) -> str:
    """Replace the line number in ``prefix`` (``file: line N: ...``) by ``line``."""
    if not line:
        return prefix
    return re.sub(r": line \d+:", f": line {line}:", prefix, count=1)


def _roles(value: object, item: Mapping, where) -> tuple[Role, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ActorsError(
            f"{where('roles')}: field 'roles' must be a list, got {type(value).__name__}"
        )
    roles = []
    for i, r in enumerate(value):
        prefix = _with_line(where("roles"), _line(value, i))
        here = f"{prefix}: field 'roles[{i}]'"
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


def _groups(value: object, item: Mapping, where) -> tuple[Membership, ...]:
    if value is None:
        return ()
    if isinstance(value, (str, Mapping)):
        value = [value]
    if not isinstance(value, list):
        raise ActorsError(
            f"{where('groups')}: field 'groups' must be a list, got {type(value).__name__}"
        )
    out = []
    for i, g in enumerate(value):
        here = f"{_with_line(where('groups'), _line(value, i))}: field 'groups[{i}]'"
        if isinstance(g, Mapping):
            unknown = sorted(set(map(str, g)) - set(GROUP_FIELDS))
            if unknown:
                raise ActorsError(
                    f"{here}: unknown field(s) {unknown}; accepted: {list(GROUP_FIELDS)}"
                )
            gid = g.get("id")
            if not isinstance(gid, str) or not gid.strip():
                raise ActorsError(f"{here}.id {_misread(gid, 'id')}")
            out.append(Membership(gid.strip(), _date(g.get("from"), f"{here}.from", end=False),
                                  _date(g.get("to"), f"{here}.to", end=True)))
        elif isinstance(g, str) and g.strip():
            out.append(Membership(g.strip()))
        else:
            raise ActorsError(f"{here} {_misread(g, 'groups')}")
    return tuple(out)


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


def as_day(date: object) -> dt.date | None:
    """A day from anything pandas reads as a date; None for None, NaT or unreadable input.

    >>> as_day("2015-07-25 10:00:00")
    datetime.date(2015, 7, 25)
    """
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


_as_day = as_day  # the old private name (match.py, outside callers)
