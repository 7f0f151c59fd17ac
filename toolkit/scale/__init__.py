"""Scale: the engine behind ``client=`` — the corpus-wide analyses on Dask (``dask.distributed``).

Dask is reached through the public functions, with one argument: ``client=`` (a
``distributed.Client`` or a scheduler address):
``toolkit.frequency.term_frequencies``, ``toolkit.frequency.ngrams``,
``toolkit.actors.find_mentions``, ``toolkit.actors.quotes``,
``toolkit.reports.weekly_tables`` and ``toolkit.reports.kept.analyse_store``. The tables
are those of the serial route, row for row. There is no second set of the same functions
here: the implementations they call are in :mod:`toolkit.scale.functions`.

This package holds what those calls are made of: partitions (a file, a zip, a run of
JSON Lines, a store week, rows of a Corpus, texts), mapped on the workers by
:func:`toolkit.scale.run.run_partitions` and reduced on the client (``CountTable`` merges
for counts, concatenation in corpus order for mention and quote tables), and the cluster
helpers (:func:`local_cluster`, :func:`connect`, :func:`cli_client`).

>>> from toolkit.frequency import term_frequencies
>>> texts = ["وصل حفتر إلى ليبيا", "لليبيا جيش"]
>>> freq = term_frequencies(texts, client="tcp://127.0.0.1:8786")  # doctest: +SKIP
>>> freq.set_index("term").loc["ليبيا", ["count", "docs"]].tolist()  # doctest: +SKIP
[2, 2]
"""

from toolkit.scale.cluster import cli_client, connect, local_cluster
from toolkit.scale.partitions import (
    CorpusPartition,
    FilePartition,
    JsonlChunk,
    Partition,
    StorePartition,
    make_partitions,
)
from toolkit.scale.run import ScaleError

__all__ = [
    "CorpusPartition",
    "FilePartition",
    "JsonlChunk",
    "Partition",
    "ScaleError",
    "StorePartition",
    "cli_client",
    "connect",
    "local_cluster",
    "make_partitions",
]

#: names this package exported before ``client=`` (same-named copies of the public functions)
_MOVED = {
    "co_mentions": "toolkit.actors.co_mentions(find_mentions(corpus, client=...))",
    "find_mentions": "toolkit.actors.find_mentions(corpus, client=...)",
    "mention_counts": "toolkit.actors.mention_counts(find_mentions(corpus, client=...))",
    "ngrams": "toolkit.frequency.ngrams(corpus, client=...)",
    "quotes": "toolkit.actors.quotes(corpus, client=...)",
    "term_frequencies": "toolkit.frequency.term_frequencies(corpus, client=...)",
    "terms_and_mentions": "toolkit.scale.functions.terms_and_mentions",
}


def __getattr__(name: str):  # the old names still work, with a DeprecationWarning
    if name in _MOVED:
        import warnings

        from toolkit.scale import functions

        warnings.warn(
            f"toolkit.scale.{name} is deprecated: use {_MOVED[name]}", DeprecationWarning,
            stacklevel=2,
        )
        return getattr(functions, name)
    raise AttributeError(f"module 'toolkit.scale' has no attribute {name!r}")
