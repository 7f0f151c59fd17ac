"""Tutorials for a class: a student form and a solutions form, built from one source.

A source tutorial (``notebooks/tutorials/source/*.ipynb``) tags its cells:

- ``exercise``: the statement of an exercise (markdown);
- ``solution``: the answer (code, or markdown for an explanation).

The **student form** (``notebooks/tutorials/student/``) replaces each run of ``solution``
cells by one empty code cell tagged ``answer``, where the student writes; the **solutions
form** (``notebooks/tutorials/solutions/``) keeps them, each code answer headed by a
comment, so that it runs top to bottom. Both forms drop outputs. Build them with::

    python -m toolkit.reports.tutorials            # notebooks/tutorials/source → student/, solutions/
    python -m toolkit.reports.tutorials --check    # exit 1 if a committed form is out of date

Example::

    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[
    ...     nbformat.v4.new_markdown_cell("**تمرين 1.** كم مرة ذُكر حفتر؟", metadata={"tags": ["exercise"]}),
    ...     nbformat.v4.new_code_cell('kwic(docs, "حفتر")', metadata={"tags": ["solution"]})])
    >>> [c.cell_type + ":" + c.source for c in student_form(nb).cells][1]
    'code:'
    >>> solutions_form(nb).cells[1].source.splitlines()[-1]
    'kwic(docs, "حفتر")'
"""

from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path

import nbformat

EXERCISE, SOLUTION, ANSWER = "exercise", "solution", "answer"
#: the first line of each code answer in the solutions form
SOLUTION_HEADER = "# الحل · Solution"
FOLDER = Path(__file__).resolve().parents[2] / "notebooks" / "tutorials"


def _tags(cell: nbformat.NotebookNode) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _clean(cell: nbformat.NotebookNode) -> nbformat.NotebookNode:
    cell = copy.deepcopy(cell)
    if cell.cell_type == "code":
        cell.outputs, cell.execution_count = [], None
    cell.pop("id", None)
    return cell


def _renumber(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    for number, cell in enumerate(nb.cells, start=1):
        cell["id"] = f"cell-{number:02d}"
    return nb


def student_form(source: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The student's copy: every run of ``solution`` cells becomes one empty ``answer`` cell."""
    nb = copy.deepcopy(source)
    cells: list[nbformat.NotebookNode] = []
    for cell in source.cells:
        if SOLUTION in _tags(cell):
            if not (cells and ANSWER in _tags(cells[-1])):
                cells.append(nbformat.v4.new_code_cell("", metadata={"tags": [ANSWER]}))
            continue
        cells.append(_clean(cell))
    nb.cells = cells
    return _renumber(nb)


def solutions_form(source: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The teacher's copy: the source with each code answer headed by ``SOLUTION_HEADER``."""
    nb = copy.deepcopy(source)
    cells = []
    for cell in source.cells:
        cell = _clean(cell)
        if SOLUTION in _tags(cell) and cell.cell_type == "code":
            if not cell.source.startswith(SOLUTION_HEADER):
                cell.source = f"{SOLUTION_HEADER}\n{cell.source}"
        cells.append(cell)
    nb.cells = cells
    return _renumber(nb)


def check_source(source: nbformat.NotebookNode, name: str) -> None:
    """Every ``exercise`` is followed by its ``solution`` before the next exercise;
    ValueError naming the notebook otherwise."""
    pending, answered = None, False  # the open exercise; whether a solution followed it
    for index, cell in enumerate(source.cells):
        tags = _tags(cell)
        if EXERCISE in tags:
            if pending is not None and not answered:
                raise ValueError(f"{name}: exercise at cell {pending} has no solution cell")
            pending, answered = index, False
        elif SOLUTION in tags:
            if pending is None:
                raise ValueError(f"{name}: solution at cell {index} follows no exercise")
            answered = True
    if pending is not None and not answered:
        raise ValueError(f"{name}: exercise at cell {pending} has no solution cell")


def _text(nb: nbformat.NotebookNode) -> str:
    return nbformat.writes(nb) + "\n"


def build(folder: Path = FOLDER, check: bool = False) -> list[Path]:
    """Write ``student/`` and ``solutions/`` forms of every ``source/*.ipynb`` under
    ``folder``; with ``check``, write nothing and return the forms that are out of date."""
    stale = []
    for path in sorted((folder / "source").glob("*.ipynb")):
        source = nbformat.read(path, as_version=4)
        check_source(source, path.name)
        for form, make in (("student", student_form), ("solutions", solutions_form)):
            target = folder / form / path.name
            text = _text(make(source))
            current = target.read_text(encoding="utf-8") if target.exists() else None
            if current == text:
                continue
            stale.append(target)
            if not check:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
    return stale


def main(argv: list[str] | None = None) -> int:
    """``python -m toolkit.reports.tutorials [--check] [FOLDER]``."""
    parser = argparse.ArgumentParser(prog="python -m toolkit.reports.tutorials",
                                     description="Build the student and solutions forms of "
                                     "the tutorials from their source.")
    parser.add_argument("folder", nargs="?", type=Path, default=FOLDER,
                        help="the tutorials folder (with source/)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a form is not the build of its source")
    args = parser.parse_args(argv)
    stale = build(args.folder, check=args.check)
    for path in stale:
        print(("out of date: " if args.check else "wrote ") + str(path),
              file=sys.stderr if args.check else sys.stdout)
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
