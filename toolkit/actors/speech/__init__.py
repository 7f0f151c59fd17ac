"""Reported speech in Arabic news: who said what, found and attributed.

The model (``docs/quotes.md`` has it in full, with the development gold and its scores):

1. **Cues** (:mod:`.cues`) announce speech: reporting verbs in any person and tense,
   participles, verbal nouns, nominal frames (بحسب، وفقًا لـ، نقلًا عن، على لسان),
   transmission (نقلت "رويترز" عن)، a verb after ما with an object pronoun (هذا ما قاله), a
   name before a colon; never inside a quotation, after a relative pronoun or in a
   non-speech sequence (يذكر أن، يعتبر، من المقرر).
2. **Spans** (:mod:`.spans`) say where the content is: between quotation marks of any kind
   (unbalanced ones run to the end of the paragraph), after a colon to the end of the
   paragraph, after أن/إن or the verb's preposition to the end of the clause; never across
   another cue.
3. **Speakers** (:mod:`.speakers`): the subject after the verb or before it, kept whole;
   elided subjects from the previous cue; pronouns, honorifics and bare titles resolved to
   the person they stand for; nisba adjectives and common nouns never speak; unnamed
   sources typed.
4. **The table** (:mod:`.table`): one row per quote with the cue, the speaker's actor id
   from the mention table and the ``rule`` that fired (``<cue>:<span>:<speaker>``).

The words are data in ``toolkit/data/actors`` (:mod:`.lexicon`).

>>> from toolkit.corpus import Corpus
>>> c = Corpus.from_records([{"doc_id": "a", "text": "وقال مسؤول فرنسي إن الحوار هو الحل."}])
>>> r = quotes(c).iloc[0]
>>> r.quote, r.speaker, bool(r.anonymous), r.rule
('الحوار هو الحل', 'مسؤول فرنسي', True, 'verb:comp:after')
"""

from toolkit.actors.speech.table import QUOTE_COLUMNS, document_quotes, empty_quotes, quotes

__all__ = ["QUOTE_COLUMNS", "document_quotes", "empty_quotes", "quotes"]
