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


def test_gardens_of_eden_are_not_aden(world):
    assert spans("اللهم اجعل مآلها جنات عدن", world) == []
    assert spans("وصلت التعزيزات إلى عدن أمس", world) == [("عدن", "aden")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a former holder: the title names no one, the name that follows names him
        ("موالية للرئيس اليمني السابق علي عبد الله صالح", [("علي عبد الله صالح", "ali_abdullah_saleh")]),
        ("قال الرئيس الأمريكي السابق جورج بوش", [("جورج بوش", "george_w_bush")]),
        ("اغتيال الرئيس المصري الراحل أنور السادات", []),
        ("قال الرئيس الأمريكي إن", [("الرئيس الأمريكي", "obama")]),
        # the Secretary-General's envoy, representative, spokesman and deputy are not Ban
        ("مع مبعوث الأمين العام للأمم المتحدة إلى الجمهورية اليمنية",
         [("مبعوث الأمين العام للأمم المتحدة إلى الجمهورية اليمنية", "ould_cheikh_ahmed")]),
        ("الممثل الخاص للأمين العام للأمم المتحدة لدى ليبيا",
         [("الممثل الخاص للأمين العام للأمم المتحدة لدى ليبيا", "leon")]),
        # ... an unnamed one counts for the UN
        ("في مباحثاتنا مع ممثل الأمين العام للأمم المتحدة حيال إعلان هدنة",
         [("ممثل الأمين العام للأمم المتحدة", "un")]),
        ("وقال المتحدث باسم الأمين العام للأمم المتحدة", [("المتحدث باسم الأمين العام للأمم المتحدة", "un")]),
        ("قال الأمين العام للأمم المتحدة", [("الأمين العام للأمم المتحدة", "ban_ki_moon")]),
        # the king's adviser is not the king
        ("صدرت موافقة مستشار خادم الحرمين الشريفين أمير منطقة مكة المكرمة", [("منطقة مكة المكرمة", "makkah")]),
        ("أكد خادم الحرمين الشريفين", [("خادم الحرمين الشريفين", "king_salman")]),
    ],
)
def test_titles_of_someone_else(world, text, expected):
    assert spans(text, world, "2015-07-25") == expected
