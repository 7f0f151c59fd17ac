"""The word lists of reported speech, read once from ``toolkit/data/actors``.

Everything the rules know about words is data: ``reporting_verbs.yaml`` (verbs, participles,
verbal nouns, frames, complementizers, media, phrase boundaries), ``non_speech.txt`` (what
looks like a report and is not: يذكر أن، يعتبر، من المقرر), ``anonymous_speakers.txt`` (heads of
unnamed sources with their type), ``speaker_pronouns.txt`` (سموه، معاليه → the titles they
stand for), ``titles_ar.txt`` (person titles, shared with the matcher) and
``non_speakers.txt`` (words never a speaker: جميع، احتمال). All forms are normalized with
``toolkit.text.normalize(preset="search")``.

>>> lexicon().verbs["مشيرا"]
('أشار', 'participle')
>>> strip_al("المسءول"), reporting_verb("وقالت")
('مسءول', ('قال', 'finite'))
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from toolkit.corpus import Corpus
from toolkit.text import normalize

__all__ = [
    "Lexicon",
    "check_corpus",
    "data_path",
    "lexicon",
    "person_titles",
    "read_word_list",
    "reporting_verb",
    "strip_al",
    "titles",
]


def check_corpus(corpus: object, name: str = "corpus") -> Corpus:
    """Raise ``TypeError`` naming the argument unless ``corpus`` is a :class:`Corpus`."""
    if not isinstance(corpus, Corpus):
        raise TypeError(
            f"{name} must be a toolkit.corpus.Corpus (e.g. load_corpus(path) or "
            f"Corpus.from_records(records)), got {type(corpus).__name__}"
        )
    return corpus


def data_path(name: str):
    """A data file of ``toolkit/data/actors``."""
    return resources.files("toolkit").joinpath("data", "actors", name)


def _lines(name: str) -> list[str]:
    out = []
    for line in data_path(name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            out.append(line.rstrip())
    return out


def read_word_list(name: str) -> list[str]:
    """Lines of a data word list, without comments, blank lines and tab-separated notes."""
    return [w for w in (line.split("\t", 1)[0].strip() for line in _lines(name)) if w]


def _n(word: str) -> str:
    return normalize(word, "search")


def strip_al(norm: str) -> str:
    """``المسءول`` -> ``مسءول`` (also ``وال``, ``بال``, ``لل``); other words unchanged."""
    for prefix in ("وال", "فال", "بال", "كال", "ال"):
        if norm.startswith(prefix) and len(norm) - len(prefix) >= 2:
            return norm[len(prefix) :]
    if norm.startswith("لل") and len(norm) >= 4:
        return norm[2:]
    return norm


_SECTION_RE = re.compile(r"^\[(\w+)\]$")


@lru_cache(maxsize=1)
def person_titles() -> tuple[tuple[str, ...], ...]:
    """Person titles and ranks of ``titles_ar.txt`` as normalized word tuples.

    The file (shared with the matcher) is sectioned by ``[person]`` / ``[place]`` lines
    (older copies: ``# people ...`` / ``# places`` comments); place words are left out.
    """
    out = []
    section = "person"
    for line in data_path("titles_ar.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        m = _SECTION_RE.match(line)
        if m:
            section = m.group(1).lower()
        elif line.startswith("#"):
            if re.match(r"#\s*places?\b", line):
                section = "place"
            elif re.match(r"#\s*people\b", line):
                section = "person"
        elif line and section == "person":
            out.append(tuple(_n(w) for w in line.split()))
    return tuple(out)


@lru_cache(maxsize=1)
def titles() -> frozenset[str]:
    """Single-word person titles and ranks, normalized (الرئيس، اللواء، مهندس)."""
    return frozenset(t[0] for t in person_titles() if len(t) == 1)


@dataclass(frozen=True)
class Lexicon:
    """The normalized word lists (see the module docstring); built once by :func:`lexicon`."""

    verbs: dict[str, tuple[str, str]]  # form (also with و/ف) -> (lemma, finite|participle|noun)
    preps: dict[str, frozenset[str]]  # lemma -> prepositions introducing content
    content: dict[str, frozenset[str]]  # lemma -> what may follow the speaker
    transmit: dict[str, str]  # verb form -> its link (عن، من)
    frames: tuple[tuple[str, ...], ...]
    frame_first: frozenset[str]
    comps: frozenset[str]
    comp_blockers: frozenset[str]
    media: frozenset[str]
    carried_by: frozenset[str]
    event_nouns: frozenset[str]
    documents: frozenset[str]
    source_heads: frozenset[str]
    leading_skip: frozenset[str]
    breakers: frozenset[str]
    time_words: frozenset[str]
    relatives: frozenset[str]
    anonymous: dict[str, str]  # head (without ال) -> type
    non_speech: tuple[tuple[str, ...], ...]
    non_speakers: frozenset[str]
    pronouns: dict[str, frozenset[str]]  # سموه -> title words it stands for
    person_titles: frozenset[str]
    clause_initial: frozenset[str]
    anonymity_phrases: tuple[tuple[str, ...], ...]
    anonymity_firsts: frozenset[str]
    non_speech_firsts: frozenset[str]  # first words of non_speech, also with و/ف
    non_speech_by_first: dict[str, tuple[tuple[str, ...], ...]]  # first word -> sequences
    object_nouns: frozenset[str]  # verbal nouns that are a verb's object (وأكد تصميم ...)
    object_content: frozenset[str]  # lemmas whose content may be such a noun (أكد)
    frame_triggers: frozenset[str]  # first words of frames, also with و/ف
    noun_prep_after: frozenset[str]
    cue_candidates: frozenset[str]  # the triggers, ":" and ما (before هذا ما قاله)
    scan_words: frozenset[str]  # what find_cues looks at: cue candidates, non-speech firsts
    triggers: frozenset[str]  # every word that may start a cue


def _with_conj(forms: dict[str, Any]) -> dict[str, Any]:
    out = dict(forms)
    for form, v in forms.items():
        for c in "وف":
            out.setdefault(c + form, v)
    return out


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon of reported speech, normalized (read once)."""
    raw: dict[str, Any] = yaml.safe_load(data_path("reporting_verbs.yaml").read_text("utf-8"))
    enclitics = [""] + [_n(e) for e in raw["pronoun_enclitics"]]
    verbs: dict[str, tuple[str, str]] = {}
    preps: dict[str, frozenset[str]] = {}
    content: dict[str, frozenset[str]] = {}
    default = frozenset({"comp", "prep", "quote", "colon"})
    for lemma, entry in raw["verbs"].items():
        for form in entry.get("finite") or []:
            verbs[_n(form)] = (lemma, "finite")
        for form in entry.get("participle") or []:
            verbs[_n(form)] = (lemma, "participle")
        for noun in entry.get("nouns") or []:
            base = _n(noun)
            for e in enclitics:
                for p in ("", "ب", "ال", "بال"):
                    if p.endswith("ال") and e:
                        continue
                    verbs.setdefault(p + base + e, (lemma, "noun"))
        preps[lemma] = frozenset(_n(p) for p in entry.get("preps") or [])
        content[lemma] = frozenset(entry.get("content") or default)
    transmit = {}
    for t in raw["transmit"]:
        for v in t["verbs"]:
            transmit[_n(v)] = _n(t["link"])
    frames = tuple(tuple(_n(w) for w in frame) for frame in raw["frames"])

    def norm_set(key: str) -> frozenset[str]:
        return frozenset(_n(w) for w in raw[key])

    comps = frozenset(_n(c) + e for c in raw["complementizers"] for e in enclitics)
    anonymous = {}
    for line in _lines("anonymous_speakers.txt"):
        word, _, kind = line.partition("\t")
        anonymous[strip_al(_n(word.strip()))] = kind.strip() or "source"
    pronouns = {}
    for line in _lines("speaker_pronouns.txt"):
        word, _, rest = line.partition("\t")
        pronouns[_n(word.strip())] = frozenset(_n(w) for w in rest.split())
    verbs = _with_conj(verbs)
    anonymity = tuple(tuple(_n(w) for w in ph) for ph in raw["anonymity_phrases"])
    non_speech = tuple(tuple(_n(w) for w in s.split()) for s in read_word_list("non_speech.txt"))
    transmit = _with_conj(transmit)
    frame_first = frozenset(f[0] for f in frames)
    triggers = frozenset(verbs) | frozenset(transmit) | frame_first
    triggers |= frozenset(c + w for w in frame_first for c in "وف")
    return Lexicon(
        verbs=verbs,
        preps=preps,
        content=content,
        transmit=transmit,
        frames=frames,
        frame_first=frame_first,
        comps=comps,
        comp_blockers=norm_set("complementizer_blockers"),
        media=frozenset(strip_al(_n(w)) for w in raw["media_heads"]),
        carried_by=norm_set("carried_by"),
        event_nouns=frozenset(strip_al(_n(w)) for w in raw["event_nouns"]),
        documents=frozenset(strip_al(_n(w)) for w in raw["documents"]),
        source_heads=frozenset(strip_al(_n(w)) for w in raw["source_heads"]),
        leading_skip=norm_set("leading_skip"),
        breakers=norm_set("phrase_breakers"),
        time_words=norm_set("time_words"),
        relatives=norm_set("relatives"),
        anonymous=anonymous,
        non_speech=non_speech,
        non_speakers=frozenset(strip_al(_n(w)) for w in read_word_list("non_speakers.txt")),
        pronouns=pronouns,
        person_titles=titles(),
        clause_initial=norm_set("clause_initial"),
        anonymity_phrases=anonymity,
        anonymity_firsts=frozenset(ph[0] for ph in anonymity),
        non_speech_firsts=frozenset(
            c + s[0] for s in non_speech for c in ("", "و", "ف")
        ),
        non_speech_by_first={
            w: tuple(q for q in non_speech if q[0] == w) for w in {q[0] for q in non_speech}
        },
        object_nouns=frozenset(strip_al(_n(w)) for w in raw["object_nouns"]),
        object_content=frozenset(raw.get("object_content") or ()),
        frame_triggers=frozenset(c + f for f in frame_first for c in ("", "و", "ف")),
        noun_prep_after=norm_set("noun_prep_after"),
        cue_candidates=triggers | {":", "ما", "مما"},
        scan_words=triggers | {":", "ما", "مما"} | frozenset(ph[0] for ph in anonymity)
        | frozenset(c + q[0] for q in non_speech for c in ("", "و", "ف")),
        triggers=triggers,
    )


def reporting_verb(norm: str) -> tuple[str, str] | None:
    """``(lemma, finite|participle|noun)`` of a normalized word (also with و/ف), else None."""
    return lexicon().verbs.get(norm)
