"""Each matching rule of issue 13 on real Arabic sentences, with the world dictionary and
small dictionaries written here (expected values worked out by hand)."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from toolkit.actors import (
    Actors,
    ActorsError,
    find_mentions,
    lint_actors,
    load_actors,
    load_default_actors,
)
from toolkit.actors.dictionary import Actor
from toolkit.corpus import Corpus


@pytest.fixture(scope="module")
def world() -> Actors:
    return load_default_actors()


def spans(text: str, actors: Actors, date: str | None = None) -> list[tuple[str, str, str]]:
    corpus = Corpus.from_records([{"doc_id": "d", "text": text, "date": date}])
    m = find_mentions(corpus, actors)
    return list(zip(m.surface, m.actor_id, m.via, strict=True))


def small(*actors: dict) -> Actors:
    return Actors.from_dict({"actors": list(actors)})


# --------------------------------------------------------------------------- collisions


def test_ali_is_not_the_preposition_ala():
    actors = small({"id": "ali", "type": "person", "aliases": ["علي"]})
    # على (on) folds to علي under the search preset: only the written ي form is the name
    assert spans("وقع الاتفاق على الحدود وقال علي إن الوضع هادئ", actors) == [
        ("علي", "ali", "alias")]
    assert spans("وعلى الجميع الالتزام", actors) == []
    assert spans("وصل وعلي إلى المطار", actors) == [("وعلي", "ali", "alias")]


def test_mali_financial_needs_evidence(world):
    # مالي/المالية as "financial" are never Mali
    assert spans("أعلنت وزارة المالية عن عجز مالي كبير ودعم مالي للمشاريع", world) == []
    assert spans("وقال المدير المالي للشركة إن الوضع المالي مستقر", world) == []
    # the full name first, then the short one and the demonym count
    assert spans("زار الوفد جمهورية مالي. وفي مالي قال الرئيس المالي", world, "2015-07-25") == [
        ("جمهورية مالي", "mali", "alias"),
        ("مالي", "mali", "ambiguous"),
        ("المالي", "mali", "ambiguous"),
    ]
    # a state word next to it is evidence too
    assert spans("قتل جنود في دولة مالي", world) == [("مالي", "mali", "ambiguous")]


def test_mali_veto_after_full_name(world):
    # even after the full name, دعم مالي is "financial support" (unless_before)
    assert spans("زار جمهورية مالي وقدم دعم مالي", world) == [("جمهورية مالي", "mali", "alias")]


def test_al_uyun_the_eyes(world):
    assert spans("ذرفت العيون الدموع", world) == []
    assert spans("في الصحراء الغربية، وصل إلى مدينة العيون", world) == [
        ("الصحراء الغربية", "western_sahara", "alias"),
        ("العيون", "western_sahara", "ambiguous"),
    ]


def test_turki_bin_is_a_man(world):
    # تركي is the Turkish demonym and a first name: before بن it is a man
    assert spans("استقبل الأمير تركي بن عبدالعزيز الوفد", world) == []
    assert spans("وصل وفد تركي إلى الرياض", world) == [
        ("تركي", "turkey", "demonym"), ("الرياض", "saudi_arabia", "metonym")]
    # unless_before: الأمير تركي الفيصل is a Saudi prince
    assert spans("قال الأمير تركي الفيصل", world) == []


def test_oman_is_not_amman(world):
    assert spans("وصل إلى عمان والتقى السلطان", world)[0][1] == "oman"
    assert "عمان" not in world["jordan"].metonyms


def test_qaeda_base_needs_evidence(world):
    assert spans("عادت الطائرات إلى القاعدة العسكرية", world) == []
    assert spans("هاجم تنظيم القاعدة القرية. وقالت القاعدة", world) == [
        ("تنظيم القاعدة", "al_qaeda", "alias"), ("القاعدة", "al_qaeda", "ambiguous")]


def test_requires_context():
    actors = small({"id": "amal", "label": "حركة أمل", "type": "group", "aliases": ["أمل"],
                    "requires": ["حركة", "بري", "لبنان"]})
    assert spans("يحدونا أمل كبير", actors) == []
    assert spans("قال نواب حركة أمل في لبنان", actors) == [("أمل", "amal", "ambiguous")]


def test_unless_after():
    actors = small({"id": "qatar", "type": "country", "aliases": ["قطر"],
                    "unless_after": ["الدائرة", "الأنبوب"]})
    assert spans("يبلغ قطر الدائرة مترا", actors) == []
    assert spans("وصل إلى قطر أمس", actors) == [("قطر", "qatar", "alias")]


# --------------------------------------------------------------------------- gaps


def test_lam_before_an_alef_initial_name(world):
    # ل + ألمانيا is written لألمانيا (the alef is a hamza, not an article)
    assert spans("في زيارة لألمانيا وللمانيا ولإيطاليا", world) == [
        ("لألمانيا", "germany", "alias"),
        ("وللمانيا", "germany", "alias"),
        ("ولإيطاليا", "italy", "alias"),
    ]


def test_definite_duals(world):
    assert spans("بين الحكومتين الفرنسيتين واليمنيتين والدولتين الإيرانيتين", world) == [
        ("الفرنسيتين", "france", "demonym"),
        ("واليمنيتين", "yemen", "demonym"),
        ("الإيرانيتين", "iran", "demonym"),
    ]


def test_prefix_pattern_and_optional_article():
    actors = small(
        {"id": "rwanda", "type": "country", "aliases": ["رواند*"]},
        {"id": "congo", "type": "country", "aliases": ["(ال)كونغو"]},
        {"id": "turkey", "type": "country", "aliases": ["تركي*"]},
    )
    assert actors["rwanda"].label == {"ar": "رواند"}  # label defaults to the first alias
    assert spans("زار رواندا والتقى الروانديين ولرواندا، ثم الكونغو وكونغو", actors) == [
        ("رواندا", "rwanda", "alias"),
        ("الروانديين", "rwanda", "alias"),
        ("ولرواندا", "rwanda", "alias"),
        ("الكونغو", "congo", "alias"),
        ("وكونغو", "congo", "alias"),
    ]
    # a pattern never takes a common word: تركيز (concentration), تركيب (installation)
    assert spans("زاد تركيز الغاز وتم تركيب الأجهزة في تركيا", actors) == [
        ("تركيا", "turkey", "alias")]


def test_world_countries_and_groups(world):
    text = ("أعلن التحالف العربي أن ميليشيات الحوثي المدعومة من إيران أطلقت صاروخا، "
            "وقال المتحدث إن داعش وتنظيم الدولة يهددان العراق وسوريا واليمن وإسرائيل")
    got = [a for _s, a, _v in spans(text, world)]
    assert got == ["arab_coalition", "houthis", "iran", "isis", "isis", "iraq", "syria", "yemen",
                   "israel"]


# --------------------------------------------------------------------------- dated roles, groups


@pytest.mark.parametrize(
    ("date", "who"),
    [
        ("2015-01-22", "king_abdullah"), ("2015-01-23", "king_salman"),
        ("2015-07-25", "king_salman"),
    ],
)
def test_custodian_of_the_two_holy_mosques(world, date, who):
    assert spans("أكد خادم الحرمين الشريفين", world, date) == [
        ("خادم الحرمين الشريفين", who, "role")]


@pytest.mark.parametrize(
    ("date", "who"),
    [("2015-04-28", "muqrin"), ("2015-07-25", "mohammed_bin_nayef"),
     ("2017-06-21", "mohammed_bin_salman")],
)
def test_saudi_crown_prince_by_date(world, date, who):
    assert spans("استقبل ولي العهد السعودي", world, date)[0][1] == who


@pytest.mark.parametrize(
    ("date", "who"),
    [("2017-01-19", "obama"), ("2017-01-20", "trump"), ("2021-01-20", "biden")],
)
def test_american_president_both_spellings(world, date, who):
    assert spans("قال الرئيس الأمريكي", world, date)[0][1] == who
    assert spans("قال الرئيس الأميركي", world, date)[0][1] == who


def test_dated_groups(tmp_path):
    path = tmp_path / "groups.yaml"
    path.write_text(
        "actors:\n"
        "  - id: qatar\n    type: country\n    aliases: [قطر]\n"
        "    groups: [{id: gcc, from: 1981-05-25}, {id: quartet_target, from: 2017-06-05, to: 2021-01-05}]\n"
        "  - id: gcc\n    type: organization\n    aliases: [مجلس التعاون الخليجي]\n",
        encoding="utf-8",
    )
    actors = load_actors(path)
    qatar = actors["qatar"]
    assert qatar.groups == ("gcc", "quartet_target")
    assert qatar.groups_on("2017-06-04") == ("gcc",)
    assert qatar.groups_on("2017-06-05") == ("gcc", "quartet_target")
    assert qatar.groups_on("2021-01-06") == ("gcc",)
    assert actors.groups("1980-01-01")["qatar"] == ("qatar",)  # no group yet: its own id


# --------------------------------------------------------------------------- loading errors


def write(tmp_path, text: str):
    path = tmp_path / "actors.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_norway_trap_names_file_line_and_field(tmp_path):
    path = write(tmp_path, "actors:\n  - id: libya\n    type: country\n    aliases: [ليبيا]\n"
                 "  - id: no\n    type: country\n    aliases: [النرويج]\n")
    with pytest.raises(ActorsError, match=r"actors\.yaml: line 5: actor #1: field 'id' was read as "
                       r"the boolean false .*quote the value"):
        load_actors(path)


def test_field_errors_carry_the_line(tmp_path):
    path = write(tmp_path, "actors:\n  - id: libya\n    type: country\n    aliases: [ليبيا, yes]\n")
    with pytest.raises(ActorsError, match=r"line 4: actor 'libya' \(#0\): field 'aliases\[1\]' "
                       r"was read as the boolean true"):
        load_actors(path)
    path = write(tmp_path, "actors:\n  - id: libya\n    type: country\n    aliases: [ليبيا]\n"
                 "    groups: [{id: au, from: someday}]\n")
    with pytest.raises(ActorsError, match=r"line 5: .*groups\[0\]'\.from: expected a date"):
        load_actors(path)


def test_billion_laughs_refused_without_expanding(tmp_path):
    lines = ['a0: &a0 ["ها"]']
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 10)
        lines.append(f"a{i}: &a{i} [{refs}]")
    lines.append("actors: *a9")
    path = write(tmp_path, "\n".join(lines) + "\n")
    t0 = time.perf_counter()
    with pytest.raises(ActorsError, match="alias bomb") as err:
        load_actors(path)
    assert time.perf_counter() - t0 < 5
    assert "ها" not in str(err.value)  # the expanded value is never printed


def test_deep_nesting_is_a_clean_error(tmp_path):
    path = write(tmp_path, "actors: " + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(ActorsError, match=r"line 1: nested deeper than 32 levels"):
        load_actors(path)


# --------------------------------------------------------------------------- lint


def test_lint_reports_collisions_short_generic_and_demonym_article():
    actors = small(
        {"id": "mali", "type": "country", "aliases": ["مالي"]},
        {"id": "ali", "type": "person", "aliases": ["علي"]},
        {"id": "x", "type": "organization", "aliases": ["وزارة", "قا"]},
        {"id": "france", "type": "country", "aliases": ["فرنسا"], "demonyms": ["الفرنسي"]},
        {"id": "turkey", "type": "country", "aliases": ["تركي*"]},
    )
    kinds = lint_actors(actors).groupby("kind").actor.apply(sorted).to_dict()
    assert kinds["collision"] == ["ali", "mali"]
    assert kinds["generic"] == ["x"] and kinds["short"] == ["x"]
    assert kinds["demonym-article"] == ["france"]
    assert kinds["prefix"] == ["turkey"]


def test_lint_is_linear():
    # 1,000 actors x 100 aliases: the old pairwise shadowing check never finished
    actors = Actors([
        Actor(id=f"a{i}", label={"ar": "x"}, type="person",
              aliases=tuple(f"اسم{i}ب{j} لقب{j}" for j in range(100)))
        for i in range(1000)
    ])
    t0 = time.perf_counter()
    problems = lint_actors(actors)
    assert time.perf_counter() - t0 < 60
    assert set(problems.kind) == set()


def test_world_dictionary_lint(world):
    problems = lint_actors(world)
    assert set(problems.kind) <= {"shadowed", "collision", "duplicate"}, problems
    assert all(a.label.get("en") for a in world)
    for actor_id in ["iran", "yemen", "iraq", "israel", "houthis", "king_salman", "egypt", "un",
                     "isis", "syria", "haftar", "sarraj", "gna", "lna", "mohammed_bin_salman",
                     "hadi", "bashar_al_assad", "gcc", "arab_league", "hezbollah", "hamas"]:
        assert actor_id in world
    assert len([a for a in world if a.type == "country"]) >= 195
    assert world["hollande"].roles[0].end == dt.date(2017, 5, 13)


def test_find_mentions_takes_an_analysis_of_a_corpus(world):
    # an analysis object (toolkit.text.analyze) carries the corpus it was made from
    corpus = Corpus.from_records([{"doc_id": "a", "text": "زار أوباما الرياض", "date": "2015-07-25"}])

    class Analysis:
        def __init__(self, corpus):
            self.corpus = corpus

    direct = find_mentions(corpus, world)
    via = find_mentions(Analysis(corpus), world)
    assert via.equals(direct)
    assert direct.actor_id.tolist() == ["obama", "saudi_arabia"]


def _judged_still_found(saudinewsnet_raw, world, name: str):
    """The sample, and whether the world dictionary still produces each judged mention."""
    import pandas as pd

    from toolkit.corpus import load_corpus

    sample = pd.read_csv(Path(__file__).parent / "data" / name)
    frame = load_corpus(saudinewsnet_raw).frame
    docs = frame[frame.doc_id.isin(set(sample.doc_id))]
    m = find_mentions(docs, world)
    found = set(zip(m.doc_id, m.start, m.end, m.actor_id, strict=True))
    texts = dict(zip(docs.doc_id, docs.text, strict=True))
    for r in sample.itertuples():
        assert texts[r.doc_id][r.start : r.end] == r.surface
    sample["found"] = [(r.doc_id, r.start, r.end, r.actor_id) in found for r in sample.itertuples()]
    return sample


@pytest.mark.slow
def test_precision_sample_on_saudinewsnet(saudinewsnet_raw, world):
    """100 mentions sampled at random (seed 2026) from all of SaudiNewsNet with the world
    dictionary of 901 actors by ``bench/bench_actor_coverage.py --sample 100 --seed 2026``,
    each judged by reading it in context (world_mentions_precision_sample_seed2026.csv, one
    reason a line): 97 right.  The three wrong: وبريدة (بريده "his e-mail" misspelt), روما
    (the club AS Roma) and بولاية جورجيا (the US state, since vetoed: ``unless_before``).
    Every mention judged right is still produced, so the judgements stay valid."""
    sample = _judged_still_found(saudinewsnet_raw, world, "world_mentions_precision_sample_seed2026.csv")
    assert len(sample) == 100 and sample.correct.sum() == 97
    assert sample[sample.correct].found.all()
    assert sample[~sample.found].surface.tolist() == ["جورجيا"]


@pytest.mark.slow
def test_first_precision_sample_still_holds(saudinewsnet_raw, world):
    """The first sample (seed 13, the dictionary of 508 actors): 97 of 100 right.  Of its
    three wrong, مركز الملك سلمان is now the relief centre (an organization).  Of the 97
    right, one is no longer produced: a bare الأسد (the lion) now needs evidence (the full
    name, a title) and that article gives none: the price of the collision rule."""
    sample = _judged_still_found(saudinewsnet_raw, world, "world_mentions_precision_sample.csv")
    assert len(sample) == 100 and sample.correct.sum() == 97
    lost = sample[sample.correct & ~sample.found]
    assert lost.surface.tolist() == ["الأسد"]
    fixed = sample[~sample.correct & ~sample.found]
    assert fixed.surface.tolist() == ["الملك سلمان"]


@pytest.mark.slow
def test_ambiguous_surname_sample(saudinewsnet_raw, world):
    """40 mentions of people found through an ambiguous surname (via ``ambiguous``: الأسد،
    العبادي، الجبير، ظريف، روحاني ...), sampled at random (seed 2026) from SaudiNewsNet and
    judged in context (world_ambiguous_surnames_sample_seed2026.csv): 37 right.  Two of the
    three wrong (a cousin of Bashar al-Assad, the Assad clan) are since vetoed; the third
    (سيارة الأسد, the cousin's car) needs coreference the matcher does not do."""
    sample = _judged_still_found(saudinewsnet_raw, world, "world_ambiguous_surnames_sample_seed2026.csv")
    assert len(sample) == 40 and sample.correct.sum() == 37
    assert sample[sample.correct].found.all()
    assert sample[~sample.found].reason.str.contains("since vetoed").sum() == 2


def test_tripoli_of_lebanon_is_not_libya(world):
    # the Lebanese city is vetoed; the demonym and the country after it are Lebanon's
    assert spans("اشتباكات في طرابلس اللبنانية وفي طرابلس شمال لبنان", world) == [
        ("اللبنانية", "lebanon", "demonym"), ("لبنان", "lebanon", "alias")]
    assert spans("وصل الوفد إلى طرابلس أمس", world) == [("طرابلس", "tripoli", "alias")]
    assert world["tripoli"].groups == ("libya",)


# --------------------------------------------------------------------------- office-holders by date


@pytest.mark.parametrize(
    ("date", "who"),
    [("2013-08-14", "salehi"), ("2013-08-15", "zarif"), ("2021-08-24", "zarif"),
     ("2021-08-25", "amir_abdollahian"), ("2024-05-20", "bagheri_kani"), ("2024-08-21", "araghchi")],
)
def test_iranian_foreign_minister_by_date(world, date, who):
    got = spans("وصل وزير الخارجية الإيراني إلى الكويت في زيارة رسمية", world, date)
    assert got == [("وزير الخارجية الإيراني", who, "role"), ("الكويت", "kuwait", "alias")]


def test_iranian_foreign_minister_with_his_name_is_one_mention(world):
    # the title and the name of the same man side by side: one mention (2015: Zarif)
    assert spans("وقال وزير الخارجية الإيراني محمد جواد ظريف إن الاتفاق نهائي", world, "2015-07-25") == [
        ("وزير الخارجية الإيراني محمد جواد ظريف", "zarif", "alias")]


@pytest.mark.parametrize(
    ("date", "who"),
    [("2022-09-26", "king_salman"), ("2022-09-27", "mohammed_bin_salman")],
)
def test_saudi_prime_minister_by_date(world, date, who):
    # the king presided the council of ministers until the crown prince was named PM
    assert spans("ترأس رئيس مجلس الوزراء السعودي الجلسة", world, date) == [
        ("رئيس مجلس الوزراء السعودي", who, "role")]


def test_saudi_crown_prince_on_the_eve_of_the_change(world):
    assert spans("استقبل ولي العهد السعودي", world, "2017-06-20")[0][1] == "mohammed_bin_nayef"


@pytest.mark.parametrize(
    ("date", "expected"),
    [("2016-10-30", [("اللبناني", "lebanon", "demonym")]),  # the seat was vacant
     ("2016-10-31", [("الرئيس اللبناني", "michel_aoun", "role")]),
     ("2022-10-31", [("اللبناني", "lebanon", "demonym")]),
     ("2025-01-09", [("الرئيس اللبناني", "joseph_aoun", "role")])],
)
def test_lebanese_presidency_with_its_vacancies(world, date, expected):
    assert spans("استقبل الرئيس اللبناني وفدا", world, date) == expected


@pytest.mark.parametrize(
    ("date", "who"),
    [("2000-06-01", "hafez_al_assad"), ("2015-07-25", "bashar_al_assad"), ("2024-12-08", "bashar_al_assad"),
     ("2025-01-29", "ahmed_al_sharaa")],
)
def test_syrian_president_by_date(world, date, who):
    assert spans("قال الرئيس السوري في خطاب", world, date) == [("الرئيس السوري", who, "role")]


def test_syria_between_assad_and_sharaa(world):
    # December 2024: Assad has fled, al-Sharaa leads the new administration, no president
    text = "وقال الرئيس السوري إن قائد الإدارة السورية الجديدة التقى الوفد"
    assert spans(text, world, "2024-12-20") == [
        ("السوري", "syria", "demonym"), ("قائد الإدارة السورية الجديدة", "ahmed_al_sharaa", "role")]


@pytest.mark.parametrize(
    ("title", "date", "who"),
    [("وزير الخارجية البريطاني", "2016-07-12", "philip_hammond"),
     ("وزير الخارجية البريطاني", "2016-07-13", "boris_johnson"),
     ("وزير الخارجية الفرنسي", "2015-07-25", "fabius"),
     ("وزير الخارجية الفرنسي", "2017-05-17", "le_drian"),
     ("رئيس الوزراء الروسي", "2008-05-08", "putin"),
     ("رئيس الوزراء الروسي", "2012-05-08", "medvedev"),
     ("وزير الخارجية الأمريكي", "2015-07-25", "kerry"),
     ("وزير الخارجية القطري", "2016-01-26", "khalid_al_attiyah"),
     ("وزير الخارجية القطري", "2016-01-27", "mohammed_bin_abdulrahman"),
     ("رئيس الوزراء اليمني", "2015-07-25", "khaled_bahah"),
     ("وزير الخارجية اليمني", "2015-07-25", "riad_yassin"),
     ("الأمين العام لمجلس التعاون الخليجي", "2015-07-25", "zayani"),
     ("رئيس الوزراء الإسرائيلي", "2021-06-12", "netanyahu"),
     ("رئيس الوزراء الإسرائيلي", "2021-06-13", "bennett"),
     ("الرئيس الكوري الجنوبي", "2025-06-04", "lee_jae_myung"),
     ("رئيس الوزراء الياباني", "2025-10-21", "takaichi"),
     ("مسؤولة السياسة الخارجية في الاتحاد الأوروبي", "2015-07-25", "mogherini")],
)
def test_titles_name_the_office_holder_of_the_day(world, title, date, who):
    got = spans(f"أكد {title} في تصريح", world, date)
    assert got == [(title, who, "role")]


def test_acting_office_holders_are_in(world):
    # Mokhber was acting president after Raisi's death (19 May 2024) until Pezeshkian
    assert spans("الرئيس الإيراني", world, "2024-05-19")[0][1] == "raisi"
    assert spans("الرئيس الإيراني", world, "2024-06-01")[0][1] == "mokhber"
    assert spans("الرئيس الإيراني", world, "2024-07-28")[0][1] == "pezeshkian"


def test_every_office_holder_has_english_and_arabic(world):
    people = [a for a in world if a.type == "person"]
    assert len(people) >= 550
    for a in people:
        assert a.label.get("en") and a.label.get("ar"), a.id
    # holders of one office never overlap: lint finds no overlapping roles
    assert "overlap" not in set(lint_actors(world).kind)


# --------------------------------------------------------------------------- surnames that collide


def test_jubeir_needs_his_full_name_or_a_title(world):
    # الجبير is a common Saudi family name: the municipal engineer is not the minister
    assert spans("وأكد الجبير أن حفل الأهالي والفعاليات تعكس الترابط", world, "2015-07-25") == []
    text = "قال وزير الخارجية عادل الجبير إن المملكة ترحب. وأضاف الجبير أن الحل سياسي"
    assert spans(text, world, "2015-07-25") == [
        ("عادل الجبير", "adel_al_jubeir", "alias"), ("الجبير", "adel_al_jubeir", "ambiguous")]


def test_abadi_needs_evidence(world):
    assert spans("وقال عضو اللجنة زاهر العبادي إن مسؤولي الوزارة عزوا التأخير", world) == []
    text = "أعلن رئيس الوزراء العراقي حيدر العبادي بدء العملية. وقال العبادي إن داعش سيهزم"
    assert spans(text, world, "2015-07-25") == [
        ("رئيس الوزراء العراقي حيدر العبادي", "abadi", "alias"), ("العبادي", "abadi", "ambiguous"),
        ("داعش", "isis", "alias")]


def test_burhan_is_the_proof_unless_named(world):
    assert spans("تنمية مهارة الفرد للإقناع بالحجة والبرهان", world) == []
    assert spans("التقى الفريق البرهان الوفد", world, "2023-05-01") == [("البرهان", "burhan", "ambiguous")]
    text = "وصل عبد الفتاح البرهان إلى جدة، وقال البرهان إن الجيش ملتزم"
    assert [(s, a) for s, a, _v in spans(text, world, "2023-05-01")] == [
        ("عبد الفتاح البرهان", "burhan"), ("جدة", "jeddah"), ("البرهان", "burhan")]


def test_sarraj_the_lamp_and_the_man(world):
    assert spans("أشعل السراج في الخيمة", world) == []
    text = "اجتمع فائز السراج بالمبعوث الأممي. وأكد السراج دعمه للحوار"
    got = [(s, a) for s, a, _v in spans(text, world, "2016-05-01")]
    assert got == [("فائز السراج", "sarraj"), ("الأممي", "un"), ("السراج", "sarraj")]


def test_assad_the_lion(world):
    assert spans("كان للقارة اللاتينية نصيب الأسد من هذه التعاقدات", world) == []
    assert spans("نشرت صور الأسد سيسيل الذي قتله صياد", world) == []
    text = "وشدد على أن بشار الأسد فقد شرعيته وأن رحيل الأسد شرط للحل"
    assert spans(text, world, "2015-07-25") == [
        ("بشار الأسد", "bashar_al_assad", "alias"), ("الأسد", "bashar_al_assad", "ambiguous")]
    # Hafez is his own actor: his name is not Bashar's
    assert spans("حكم حافظ الأسد سوريا ثلاثين عاما", world) == [
        ("حافظ الأسد", "hafez_al_assad", "alias"), ("سوريا", "syria", "alias")]


def test_arafat_the_mountain(world):
    assert spans("توزعت الكيلومترات من مكة إلى عرفات", world) == [("مكة", "makkah", "alias")]
    text = "زار ياسر عرفات القاهرة، وقال عرفات إن السلام ممكن"
    assert [a for _s, a, _v in spans(text, world)] == ["arafat", "egypt", "arafat"]


def test_assad_kin_are_not_bashar(world):
    # August 2015, Latakia: a cousin of the president kills an officer; the clan is not him
    text = ("قال الرئيس السوري بشار الأسد إن الجيش يتقدم. وطالب الأهالي بتوقيف سليمان الأسد، "
            "وأعلنت العائلات القريبة من آل الأسد تضامنها")
    assert spans(text, world, "2015-08-09") == [("الرئيس السوري بشار الأسد", "bashar_al_assad", "alias")]


@pytest.mark.slow
def test_un_names_outside_the_un_sample(saudinewsnet_raw, world):
    """60 occurrences of the UN's names (الأمم المتحدة، الأممي ...) that lay inside another
    actor's mention, sampled at random (seed 13) by ``bench/bench_actor_coverage.py --read un
    --sample 60 --seed 13`` before the fixes, judged in context
    (world_un_coverage_sample_seed13.csv): 46 inside the right UN body or official (UNHCR, the
    Security Council, the envoy to Yemen ...), 14 inside a title read as Ban Ki-moon that was
    someone else's (مبعوث/ممثل/نائب/المتحدث باسم الأمين العام، الأمين العام ... السابق). The 46
    still lie inside the same actor's mention; none of the 14 is Ban's any more."""
    import pandas as pd

    from toolkit.corpus import load_corpus

    sample = pd.read_csv(Path(__file__).parent / "data" / "world_un_coverage_sample_seed13.csv")
    frame = load_corpus(saudinewsnet_raw).frame
    docs = frame[frame.doc_id.isin(set(sample.doc_id))]
    m = find_mentions(docs, world)
    texts = dict(zip(docs.doc_id, docs.text, strict=True))
    inside = []
    for r in sample.itertuples():
        assert texts[r.doc_id][r.start : r.end] == r.surface
        cover = m[(m.doc_id == r.doc_id) & (m.start <= r.start) & (m.end >= r.end)]
        inside.append(cover.actor_id.iloc[0] if len(cover) else "")
    sample["now"] = inside
    assert len(sample) == 60 and sample.correct.sum() == 46
    right = sample[sample.correct]
    assert (right.now == right.inside).all()
    wrong = sample[~sample.correct]
    assert (wrong.inside == "ban_ki_moon").all() and not (wrong.now == "ban_ki_moon").any()
    # five are now the envoy they were (Ould Cheikh Ahmed, León), eight an unnamed UN official
    # (ممثل/مبعوث/نائب/المتحدث باسم الأمين العام: the UN), the former SG no one
    assert sorted(wrong.now) == ["", "leon", "leon", "ould_cheikh_ahmed", "ould_cheikh_ahmed",
                                 "ould_cheikh_ahmed"] + ["un"] * 8
