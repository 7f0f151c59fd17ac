"""The tutorials' student and solutions forms are built from one source (cell tags)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from toolkit.reports.tutorials import build, check_source, main, solutions_form, student_form

FOLDER = Path(__file__).resolve().parents[1] / "notebooks" / "tutorials"


def test_committed_forms_are_the_build_of_their_sources(capsys):
    assert build(FOLDER, check=True) == []
    assert main([str(FOLDER), "--check"]) == 0
    assert sorted(p.name for p in (FOLDER / "student").glob("*.ipynb")) == sorted(
        p.name for p in (FOLDER / "source").glob("*.ipynb"))


def exercise_notebook():
    new = nbformat.v4
    return new.new_notebook(cells=[
        new.new_markdown_cell("# الفاعلون"),
        new.new_markdown_cell("**تمرين 1.** كم مرة ذُكر حفتر؟", metadata={"tags": ["exercise"]}),
        new.new_code_cell('m = find_mentions(docs, actors)', metadata={"tags": ["solution"]}),
        new.new_code_cell('(m["actor_id"] == "haftar").sum()', metadata={"tags": ["solution"]}),
        new.new_markdown_cell("**تمرين 2.** من قال «لن نتراجع»؟", metadata={"tags": ["exercise"]}),
        new.new_markdown_cell("الحل: انظر جدول الأقوال.", metadata={"tags": ["solution"]}),
    ])


def test_student_form_has_one_empty_answer_per_exercise():
    student = student_form(exercise_notebook())
    kinds = [(c.cell_type, c.source, c.metadata.get("tags", [])) for c in student.cells]
    assert kinds == [
        ("markdown", "# الفاعلون", []),
        ("markdown", "**تمرين 1.** كم مرة ذُكر حفتر؟", ["exercise"]),
        ("code", "", ["answer"]),
        ("markdown", "**تمرين 2.** من قال «لن نتراجع»؟", ["exercise"]),
        ("code", "", ["answer"]),
    ]
    assert "haftar" not in nbformat.writes(student) and "الحل" not in nbformat.writes(student)


def test_solutions_form_keeps_and_marks_the_answers():
    solved = solutions_form(exercise_notebook())
    assert [c.source for c in solved.cells][2:4] == [
        "# الحل · Solution\nm = find_mentions(docs, actors)",
        '# الحل · Solution\n(m["actor_id"] == "haftar").sum()',
    ]
    assert solved.cells[5].source == "الحل: انظر جدول الأقوال."


def test_an_exercise_without_solution_is_refused():
    nb = exercise_notebook()
    del nb.cells[5]
    with pytest.raises(ValueError, match="t.ipynb: exercise at cell 4 has no solution cell"):
        check_source(nb, "t.ipynb")


def test_build_writes_both_forms(tmp_path):
    (tmp_path / "source").mkdir()
    nbformat.write(exercise_notebook(), str(tmp_path / "source" / "t.ipynb"))
    written = build(tmp_path)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in written) == [
        "solutions/t.ipynb", "student/t.ipynb"]
    assert build(tmp_path) == []  # built again: nothing changes
