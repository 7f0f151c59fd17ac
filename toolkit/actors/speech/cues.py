"""Cues: the words that announce reported speech.

Families (``Cue.family``; the first part of a quote's ``rule``):

* ``verb`` — a finite reporting verb in any person or tense (قال، أكدت، يشيرون، غرّدت،
  كتب), with و/ف in front or not;
* ``participle`` — a circumstantial participle continuing a report (مؤكدًا، مضيفين،
  داعيةً، مشيدًا);
* ``noun`` — a verbal noun carrying a report (تأكيده أن، بقوله:، في تصريح ... أن);
* ``frame`` — a nominal frame: بحسب، وفقًا لـ، طبقًا لـ، نقلًا عن، على لسان (before or after
  the content);
* ``transmit`` — a transmission verb with its intermediary: نقلت "رويترز" عن ...، علمت
  "الوطن" من مصادر ...;
* ``postposed`` — a verb with an object pronoun after ما (هذا ما قاله ...) or a verb
  followed by ذلك (أوضح ذلك ...), attributing what came before;
* ``colon`` — a short name before a colon at the start of a sentence (العصيمي: ...).

Not cues: any word inside a quotation (nested speech belongs to its quote); a verb right
after a relative pronoun (الذي دعت إليه); any word of a sequence listed in
``non_speech.txt`` (يذكر أن، يعتبر، من المقرر).

>>> from toolkit.actors.speech.document import Doc
>>> d = Doc("a", "ويذكر أن الوزير قال إن الاجتماع انتهى، مشيرا إلى أنه مثمر", [])
>>> [(d.surf[c.tok], c.lemma, c.family) for c in find_cues(d)]
[('قال', 'قال', 'verb'), ('مشيرا', 'أشار', 'participle')]
"""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.actors.speech.document import Doc
from toolkit.actors.speech.lexicon import Lexicon, lexicon

__all__ = ["Cue", "find_cues", "frame_at"]

_OPENERS = frozenset({"كما", "ثم", "قد", "وقد", "فقد", "حيث", "بدوره", "بدورها", "فيما", "بينما"})


@dataclass
class Cue:
    """One cue: token ``tok`` (to ``end``, exclusive), its lemma (or frame) and family."""

    tok: int
    end: int
    lemma: str
    family: str
    link: str = ""  # transmit: the word before the speaker (عن، من)


def _blocked(d: Doc, lex: Lexicon, hits: list[int]) -> set[int]:
    """Tokens inside a non-speech sequence (يذكر أن، من المقرر); ``hits``: the tokens whose
    norm is in ``lex.scan_words``."""
    out: set[int] = set()
    anon, firsts, by_first = lex.anonymity_firsts, lex.non_speech_firsts, lex.non_speech_by_first
    norms, n = d.norms, d.n
    for i in hits:
        norm = norms[i]
        if norm in anon:  # طلب عدم ذكر اسمه: ذكر reports nothing
            for ph in lex.anonymity_phrases:
                if ph[0] == norm and all(
                    i + k < n and norms[i + k] == w for k, w in enumerate(ph[1:], 1)
                ):
                    out.update(range(i, i + len(ph)))
        if norm not in firsts:
            continue
        bare = norm[1:] if len(norm) > 3 and norm[0] in "وف" else norm
        nxt = norms[i + 1] if i + 1 < n else ""
        for first in {norm, bare}:
            for seq in by_first.get(first, ()):
                if len(seq) > 1 and seq[1] != nxt:
                    continue  # most sequences start with a common word (من المقرر)
                if all(i + k < n and norms[i + k] == w for k, w in enumerate(seq[2:], 2)):
                    out.update(range(i, i + len(seq)))
    return out


def frame_at(d: Doc, i: int, lex: Lexicon) -> tuple[int, str] | None:
    norm = d.norms[i]
    bare = norm[1:] if len(norm) > 2 and norm[0] in "وف" else norm
    for frame in lex.frames:
        if frame[0] not in (norm, bare):
            continue
        if len(frame) == 1:
            return i + 1, " ".join(frame)
        nxt = d.norms[i + 1] if i + 1 < d.n else ""
        if nxt == frame[1]:
            return i + 2, " ".join(frame)
        if frame[1] == "ل" and nxt.startswith("ل") and len(nxt) > 2:
            return i + 1, frame[0] + " ل"  # وفقا للمكتب: the ل is on the next word
    return None


def find_cues(d: Doc, lex: Lexicon | None = None) -> list[Cue]:
    """The cues of a document, in text order (see the module docstring)."""
    lex = lex or lexicon()
    norms = d.norms
    scan = lex.scan_words
    hits = [i for i, n in enumerate(norms) if n in scan]
    blocked = _blocked(d, lex, hits)
    out: list[Cue] = []
    triggers = lex.triggers
    special = lex.cue_candidates
    wanted = [i for i in hits if norms[i] in special]
    after_ma = [i + 1 for i in wanted if norms[i] in ("ما", "مما") and i + 1 < d.n]
    if after_ma:
        wanted = sorted(set(wanted) | set(after_ma))
    for i in wanted:
        norm = norms[i]
        if norm not in triggers:
            if d.surf[i] == ":":
                cue = _name_colon(d, i, out)
                if cue is not None:
                    out.append(cue)
                    continue
            if not norm.endswith(("ه", "ها")):
                continue
        if i in blocked or d.kinds[i] != "word" or d.in_quote(i):
            continue
        prev = d.norms[i - 1] if i > 0 and d.sent[i - 1] == d.sent[i] else ""
        if norm in lex.transmit:
            out.append(Cue(i, i + 1, "نقل", "transmit", link=lex.transmit[norm]))
            continue
        frame = frame_at(d, i, lex) if norm in lex.frame_triggers else None
        if frame is not None:
            out.append(Cue(i, frame[0], frame[1], "frame"))
            continue
        v = lex.verbs.get(norm)
        if v is None:
            # هذا ما قاله / وهو ما أكده: a verb with an object pronoun after ما
            for e in ("ها", "ه"):
                if norm.endswith(e) and prev in ("ما", "مما"):
                    v2 = lex.verbs.get(norm[: -len(e)])
                    if v2 is not None and v2[1] == "finite":
                        out.append(Cue(i, i + 1, v2[0], "postposed"))
                    break
            continue
        lemma, form = v
        if prev in lex.relatives:
            continue  # الذي دعت إليه
        if norm in lex.clause_initial and prev and prev not in _OPENERS and not d.is_punct(i - 1):
            continue  # بين "between", عبر "via"
        family = {"finite": "verb", "participle": "participle", "noun": "noun"}[form]
        out.append(Cue(i, i + 1, lemma, family))
    return out


def _name_colon(d: Doc, i: int, earlier: list[Cue]) -> Cue | None:
    """``العصيمي: على المرشحين ...``: one to three words opening a sentence, then a colon,
    where the words hold a person's mention or end with an earlier speaker's last word
    (checked by the table, which knows the speakers); the cue is the colon."""
    if d.in_quote(i) or i + 1 >= d.n or d.sent[i + 1] != d.sent[i]:
        return None
    j = i - 1
    while j >= 0 and d.word(j) and d.sent[j] == d.sent[i] and i - j <= 4:
        j -= 1
    a = j + 1
    if not (1 <= i - a <= 3):
        return None
    if j >= 0 and d.sent[j] == d.sent[i] and d.surf[j] not in (":", "-", "–"):
        return None
    return Cue(i, i + 1, ":", "colon")
