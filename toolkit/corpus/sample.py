"""The embedded sample: the seed article (Libya ceasefire talks, March 2020) as a Corpus."""

from __future__ import annotations

import json
from importlib import resources

from toolkit.corpus.model import Corpus


def sample() -> Corpus:
    """The seed article as a one-document corpus (doc_id ``seed-libya-2020``).

    Its source is unknown and its date, 2020-03-10, is approximate: the article reports
    Haftar's visit to the Élysée on Monday 9 March 2020 and appeared in the days after.
    The frame carries ``date_approximate=True`` and a ``date_note`` column saying so.

    Example::

        >>> corpus = sample()
        >>> corpus.frame.loc[0, "doc_id"], "حفتر" in corpus.text("seed-libya-2020")
        ('seed-libya-2020', True)
    """
    folder = resources.files("toolkit").joinpath("data").joinpath("sample")
    meta = json.loads(folder.joinpath("seed_article.json").read_text(encoding="utf-8"))
    text = folder.joinpath(meta.pop("file")).read_text(encoding="utf-8")
    return Corpus.from_records([{**meta, "text": text}])
