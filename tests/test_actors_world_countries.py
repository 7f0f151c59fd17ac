"""Country forms of the world dictionary on real sentences (issue 13; expected values by hand)."""

from __future__ import annotations

import pytest

from toolkit.actors import Actors, find_mentions, load_default_actors
from toolkit.corpus import Corpus


@pytest.fixture(scope="module")
def world() -> Actors:
    return load_default_actors()


def spans(text: str, actors: Actors, date: str = "2015-07-24") -> list[tuple[str, str]]:
    m = find_mentions(Corpus.from_records([{"doc_id": "d", "text": text, "date": date}]), actors)
    return list(zip(m.surface, m.actor_id, strict=True))


def test_peanuts_are_not_sudan(world):
    # الفول السوداني is the peanut; the demonym still names Sudan elsewhere
    assert spans("يداه في جيبيه، ويبحث عن الفول السوداني لرميه على من حوله", world) == []
    assert spans("وقال السفير السوداني لدى الرياض", world) == [("السوداني", "sudan"), ("الرياض", "saudi_arabia")]


def test_gabon_both_spellings(world):
    # الجابون: the Egyptian ج for غ, in a tag list of a Saudi site
    assert spans("سمات الجابون علي بونغو أونديمبا", world)[0] == ("الجابون", "gabon")
    assert spans("الجمهورية الغابونية تنفي بقوة", world) == [("الغابونية", "gabon")]
