"""Where the toolkit's notebooks are: one source, ``notebooks/`` at the top of the project.

A wheel (or a conda package built from it) ships them as package data in
``toolkit/notebooks/`` (``pyproject.toml`` maps that package onto the top-level folder); a
source tree or an editable install reads the top-level folder itself. So ``antk brief``
finds ``weekly_brief.ipynb`` from any working folder.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
#: the notebooks of the parameterized reports (the tutorials are in ``tutorials/``)
REPORTS = ("weekly_brief.ipynb", "actor_profile.ipynb", "corpus_overview.ipynb")


def notebooks_dir() -> Path:
    """The folder of the toolkit's notebooks: ``toolkit/notebooks`` in an installed wheel,
    else ``notebooks/`` of the source tree.

    >>> (notebooks_dir() / "weekly_brief.ipynb").is_file()
    True
    """
    for folder in (PACKAGE / "notebooks", PACKAGE.parent / "notebooks"):
        if (folder / "weekly_brief.ipynb").is_file():
            return folder
    raise FileNotFoundError(
        f"the toolkit's notebooks are missing: neither {PACKAGE / 'notebooks'} nor "
        f"{PACKAGE.parent / 'notebooks'} has weekly_brief.ipynb; reinstall the package "
        "(pip install antk) or run from a clone of the project"
    )


def notebook(name: str) -> Path:
    """The path of one of the toolkit's notebooks, e.g. ``notebook("weekly_brief.ipynb")``
    or ``notebook("tutorials/student/01_text_and_normalization.ipynb")``.

    >>> notebook("weekly_brief.ipynb").name
    'weekly_brief.ipynb'
    """
    path = notebooks_dir() / name
    if not path.is_file():
        known = ", ".join(str(p.relative_to(notebooks_dir())) for p in list_notebooks())
        raise FileNotFoundError(f"no notebook {name!r} in {notebooks_dir()}; known: {known}")
    return path


#: the forms of the tutorials that ship (both built from ``tutorials/source`` by
#: ``python -m toolkit.reports.tutorials``): exercises with empty answer cells, and answers
TUTORIAL_FORMS = ("student", "solutions")


def list_notebooks() -> list[Path]:
    """Every notebook shipped: the reports, then the tutorials' student and solutions
    forms, sorted.

    >>> [p.name for p in list_notebooks()][:1]
    ['actor_profile.ipynb']
    >>> sorted({p.parent.name for p in list_notebooks()} - {"notebooks"})
    ['solutions', 'student']
    """
    folder = notebooks_dir()
    tutorials = [p for form in TUTORIAL_FORMS
                 for p in sorted((folder / "tutorials" / form).glob("*.ipynb"))]
    return sorted(folder.glob("*.ipynb")) + tutorials


def copy_notebooks(target: str | os.PathLike[str], *, force: bool = False) -> list[Path]:
    """Copy every shipped notebook into ``target`` (tutorials in ``target/tutorials/student``
    and ``target/tutorials/solutions``) as
    editable copies; return the paths written. An existing file is kept unless ``force``.

    >>> copy_notebooks("my-notebooks")  # doctest: +SKIP
    [PosixPath('my-notebooks/actor_profile.ipynb'), ...]
    """
    source, target = notebooks_dir(), Path(target)
    plan = [(path, target / path.relative_to(source)) for path in list_notebooks()]
    existing = [dest for _, dest in plan if dest.exists()]
    if existing and not force:
        raise FileExistsError(
            f"{existing[0].resolve()} already exists ({len(existing)} of {len(plan)} "
            "notebooks); keep your edits by choosing another folder, or replace them with --force"
        )
    written = []
    for path, dest in plan:
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_name(f".{dest.name}.tmp")
        shutil.copyfile(path, tmp)
        os.replace(tmp, dest)
        written.append(dest)
    return written
