"""The provenance block of a brief: parameters, corpus fingerprint, versions, time of run.

Everything a reader needs to reproduce the tables: the same parameters and a corpus with the
same fingerprint (document count + content hash) give the same tables.
"""

from __future__ import annotations

import platform
import time
from collections.abc import Mapping
from datetime import datetime, timezone
from importlib import metadata
from typing import Any

#: libraries whose versions go into every provenance block
LIBRARIES = ("pandas", "numpy", "matplotlib", "networkx", "papermill", "nbconvert")


def versions(libraries: tuple[str, ...] = LIBRARIES) -> dict[str, str]:
    """Installed versions of the toolkit, Python and ``libraries`` (``-`` when absent).

    >>> "antk" in versions() and "python" in versions()
    True
    """
    out = {"antk": _version("antk"), "python": platform.python_version()}
    out.update({name: _version(name) for name in libraries})
    return out


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


def provenance(
    parameters: Mapping[str, Any],
    corpus: Any,
    *,
    started: float | None = None,
    run_at: datetime | None = None,
    actors: Any = None,
    lang: str = "ar",
) -> list[tuple[str, str]]:
    """Rows ``(name, value)`` of the provenance block, names in ``lang``.

    ``corpus``: the analysed ``Corpus`` (its ``toolkit.corpus.fingerprint``); ``started``: a
    ``time.perf_counter()`` value taken at the start of the run; ``actors``: the dictionary.

    >>> from toolkit.corpus import sample
    >>> rows = dict(provenance({"week": "2020-W11"}, sample(), lang="en"))
    >>> rows["corpus fingerprint"].startswith("1 documents · sha256 ")
    True
    """
    from toolkit.corpus import fingerprint

    ar = lang == "ar"
    run_at = run_at or datetime.now(timezone.utc).replace(microsecond=0)
    shown = "; ".join(
        f"{k}={', '.join(map(str, v)) if isinstance(v, (list, tuple)) else v}"
        for k, v in parameters.items()
        if v not in ("", None, [], ())
    )
    fp = fingerprint(corpus)
    rows = [
        ("المعاملات" if ar else "parameters", shown or "-"),
        (
            "بصمة المدونة" if ar else "corpus fingerprint",
            f"{fp['documents']} documents · sha256 {fp['sha256']}",
        ),
    ]
    if actors is not None:
        name = getattr(actors, "name", "") or "-"
        rows.append(
            ("قاموس الفاعلين" if ar else "actor dictionary", f"{name} · {len(list(actors))} actors")
        )
    rows.append(
        ("الإصدارات" if ar else "versions", " · ".join(f"{k} {v}" for k, v in versions().items()))
    )
    when = run_at.isoformat()
    if started is not None:
        when += f" · {time.perf_counter() - started:.1f} s"
    rows.append(("وقت التشغيل" if ar else "run at", when))
    return rows
