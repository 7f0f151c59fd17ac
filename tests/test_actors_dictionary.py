"""The actor dictionary: YAML loading, clear errors, lint, and the default dictionary."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from toolkit.actors import ActorsError, lint_actors, load_actors, load_libya_actors
from toolkit.actors.dictionary import Role


def write(tmp_path: Path, text: str, name: str = "actors.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """\
name: test
actors:
  - id: haftar
    label: {ar: خليفة حفتر, en: Khalifa Haftar}
    type: person
    groups: [lna]
    aliases: [خليفة حفتر, حفتر]
    roles:
      - {title: قائد الجيش الوطني الليبي, from: 2015-03-02}
  - id: france
    label: {ar: فرنسا, en: France}
    type: country
    aliases: [فرنسا]
    demonyms: [فرنسي]
    metonyms: [باريس, الإليزيه]
  - id: salame
    label: {ar: غسان سلامة, en: Ghassan Salamé}
    type: person
    aliases: [غسان سلامة]
    ambiguous: [سلامة]
"""


def test_load_the_design_format(tmp_path):
    actors = load_actors(write(tmp_path, GOOD))
    assert actors.name == "test" and len(actors) == 3
    haftar = actors["haftar"]
    assert haftar.aliases == ("خليفة حفتر", "حفتر")
    assert haftar.roles == (Role("قائد الجيش الوطني الليبي", dt.date(2015, 3, 2), None),)
    assert actors["france"].metonyms == ("باريس", "الإليزيه")
    assert actors["salame"].ambiguous == ("سلامة",)
    assert actors.label("salame", lang="en") == "Ghassan Salamé"
    assert actors.label("unknown") == "unknown"
    with pytest.raises(ValueError, match="lang must be one of"):
        actors.label("haftar", lang="fr")


def test_malformed_yaml_names_line_and_column(tmp_path):
    path = write(tmp_path, "actors:\n  - id: haftar\n    aliases: [حفتر\n  - id: x\n")
    with pytest.raises(ActorsError, match=r"actors\.yaml: malformed YAML at line \d+, column \d+"):
        load_actors(path)


def test_unknown_field_names_actor_and_field(tmp_path):
    text = GOOD.replace("    demonyms: [فرنسي]", "    demonym: [فرنسي]")
    with pytest.raises(ActorsError, match=r"actor 'france' \(#1\): unknown field\(s\) \['demonym'\]"):
        load_actors(write(tmp_path, text))


def test_duplicate_ids(tmp_path):
    text = GOOD.replace("id: salame", "id: haftar")
    with pytest.raises(ActorsError, match=r"duplicate actor id 'haftar' \(actors #0 and #2\)"):
        load_actors(write(tmp_path, text))


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("    type: country", "    type: nation", r"actor 'france' \(#1\): field 'type' must be one of"),
        ("from: 2015-03-02", "from: yesterday", r"field 'roles\[0\]'\.from: expected a date"),
        ("  - id: salame\n", "  - label: x\n", r"actor #2: missing field 'id'"),
        ("aliases: [فرنسا]", "aliases: فرنسا: باريس", r"malformed YAML"),
        ("aliases: [فرنسا]", "aliases: {a: فرنسا}", r"field 'aliases' must be a list of strings"),
        ("label: {ar: فرنسا, en: France}", "label: {fr: France}", r"unknown language\(s\) \['fr'\]"),
        ("name: test", "nom: test", r"unknown top-level field\(s\) \['nom'\]"),
    ],
)
def test_schema_errors(tmp_path, old, new, message):
    assert old in GOOD
    with pytest.raises(ActorsError, match=message):
        load_actors(write(tmp_path, GOOD.replace(old, new, 1)))


def test_not_utf8_and_missing_file(tmp_path):
    path = tmp_path / "cp1256.yaml"
    path.write_bytes(GOOD.encode("cp1256", errors="replace"))
    with pytest.raises(ActorsError, match="not UTF-8"):
        load_actors(path)
    with pytest.raises(FileNotFoundError, match="actor dictionary not found"):
        load_actors(tmp_path / "nope.yaml")
    with pytest.raises(ActorsError, match="expected a mapping"):
        load_actors(write(tmp_path, "- just\n- a list\n"))


def test_partial_dates_cover_the_whole_period(tmp_path):
    text = GOOD.replace("from: 2015-03-02}", "from: 2015-03, to: 2016}")
    role = load_actors(write(tmp_path, text))["haftar"].roles[0]
    assert (role.start, role.end) == (dt.date(2015, 3, 1), dt.date(2016, 12, 31))
    assert role.covers("2016-12-31") and not role.covers("2017-01-01")
    assert not role.covers(None) and not role.covers(float("nan"))


def test_lint_finds_each_kind_of_problem(tmp_path):
    text = """\
actors:
  - id: Haftar
    label: حفتر
    type: person
    aliases: [حفتر, خليفة حفتر]
    roles:
      - {title: الرئيس الفرنسي, from: 2020-01-01, to: 2019-01-01}
  - id: saddam_haftar
    label: صدام حفتر
    type: person
    aliases: [صدام حفتر, حفتر]
  - id: macron
    label: ماكرون
    type: person
    groups: [frnace]
    aliases: [ماكرون]
    roles:
      - {title: الرئيس الفرنسي, from: 2017-05-14}
  - id: hollande
    label: هولاند
    type: person
    aliases: [هولاند]
    roles:
      - {title: الرئيس الفرنسى, from: 2012-05-15, to: 2017-05-14}
  - id: empty
    label: لا شيء
    type: group
"""
    problems = lint_actors(write(tmp_path, text))
    assert list(problems.columns) == ["actor", "field", "problem", "kind"]
    kinds = problems.groupby("kind").actor.apply(sorted).to_dict()
    assert kinds["bad-id"] == ["Haftar"]
    assert kinds["dates"] == ["Haftar"]
    assert kinds["claimed"] == ["saddam_haftar"]  # حفتر claimed twice
    # both list حفتر, which sits inside the other's longer alias (صدام حفتر, خليفة حفتر)
    assert kinds["shadowed"] == ["Haftar", "saddam_haftar"]
    # الرئيس الفرنسى (alef maqsura) normalizes to the same title; 2017-05-14 is in both ranges
    # and Haftar's reversed range (2020 → 2019) overlaps nothing; the role that starts later
    # is the one reported
    assert kinds["role-overlap"] == ["macron"]
    assert kinds["group"] == ["macron"]
    assert kinds["empty"] == ["empty"]


def test_libya_dictionary_loads_and_lints_clean():
    actors = load_libya_actors()
    assert len(actors) >= 90
    for actor_id in ["haftar", "macron", "erdogan", "sarraj", "merkel", "lna", "gna", "turkey",
                     "france", "germany", "libya", "un", "salame", "reuters", "sputnik", "leon",
                     "hor", "gnc", "isis", "fajr_libya", "egypt", "italy"]:
        assert actor_id in actors
    problems = lint_actors(actors)
    # shadowing is deliberate here (ليبيا inside فجر ليبيا) and collisions are warnings (the
    # matcher asks for evidence); nothing else may be reported
    assert set(problems.kind) <= {"shadowed", "collision"}, problems[problems.kind != "shadowed"]
    assert set(problems[problems.kind == "collision"].actor) == {"sarraj", "morocco"}
    # the French presidency changes hands on 14 May 2017
    hollande, macron = actors["hollande"].roles[0], actors["macron"].roles[0]
    assert hollande.covers("2017-05-13") and not hollande.covers("2017-05-14")
    assert macron.covers("2017-05-14") and not macron.covers("2016-01-01")


def test_world_dictionary_is_the_build_output(shared_data):
    """world.yaml is generated: rebuilding it from tools/world_actors/ gives the same file."""
    pytest.importorskip("babel", reason="babel (the bench extra) builds the world dictionary")
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    if not (shared_data / "dictionaries" / "newsmap" / "arabic.yml").is_file():
        pytest.skip("newsmap dictionary not in ../shared/data")
    done = subprocess.run(
        [sys.executable, str(root / "tools" / "build_world_actors.py"), "--check"],
        capture_output=True, text=True, env={**os.environ, "ANTK_SHARED_DATA": str(shared_data)},
    )
    assert done.returncode == 0, done.stdout + done.stderr
