"""The embedded samples: the seed article (Libya ceasefire talks, March 2020), and 71
Arabic Wikinews articles for teaching (CC BY; ``toolkit/data/sample/wikinews.md``)."""

from __future__ import annotations

import json
from importlib import resources

from toolkit.corpus.model import Corpus

#: the samples :func:`sample` knows, by name
SAMPLES = ("seed", "wikinews")


def _folder():
    return resources.files("toolkit").joinpath("data").joinpath("sample")


def sample(name: str = "seed") -> Corpus:
    """An embedded sample corpus: ``"seed"`` (default), the seed article as a one-document
    corpus (doc_id ``seed-libya-2020``), or ``"wikinews"``, 71 Arabic Wikinews articles in 7
    categories (a ``category`` column; no dates), text under CC BY, credit: Arabic Wikinews
    contributors.

    The seed article's source is unknown and its date, 2020-03-10, is approximate: the
    article reports Haftar's visit to the Élysée on Monday 9 March 2020 and appeared in the
    days after. The frame carries ``date_approximate=True`` and a ``date_note`` column saying so.

    Example::

        >>> corpus = sample()
        >>> corpus.frame.loc[0, "doc_id"], "حفتر" in corpus.text("seed-libya-2020")
        ('seed-libya-2020', True)
        >>> news = sample("wikinews")
        >>> len(news), news.frame["category"].nunique(), news.frame.loc[0, "title"][:4]
        (71, 7, 'فيلم')
    """
    folder = _folder()
    if name == "seed":
        meta = json.loads(folder.joinpath("seed_article.json").read_text(encoding="utf-8"))
        text = folder.joinpath(meta.pop("file")).read_text(encoding="utf-8")
        return Corpus.from_records([{**meta, "text": text}])
    if name == "wikinews":
        lines = folder.joinpath("wikinews.jsonl").read_text(encoding="utf-8").splitlines()
        return Corpus.from_records([json.loads(line) for line in lines if line.strip()])
    raise ValueError(f"sample {name!r} is unknown; samples: {', '.join(SAMPLES)}")
