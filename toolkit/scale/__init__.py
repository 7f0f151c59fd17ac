"""Scale: the corpus-wide analyses on Dask (``dask.distributed``), identical to the serial ones.

The same per-document functions of ``toolkit.frequency`` and ``toolkit.actors`` are mapped
over partitions (a file, a zip, a run of JSON Lines, a store week, rows of a Corpus) on
the workers, and their tables are reduced on the client: ``CountTable`` merges for counts,
concatenation in corpus order for mention and quote tables, sums for mention counts.
``client=`` selects where: a ``distributed.Client``, a scheduler address, or None (a
``LocalCluster`` of 2 worker processes for the duration of the call).

>>> from toolkit.scale import term_frequencies
>>> from pathlib import Path
>>> freq = term_frequencies([Path("raw/2015-07-21.zip")], client="tcp://127.0.0.1:8786")  # doctest: +SKIP
"""

from toolkit.scale.cluster import cli_client, connect, local_cluster
from toolkit.scale.functions import (
    co_mentions,
    find_mentions,
    mention_counts,
    ngrams,
    quotes,
    term_frequencies,
    terms_and_mentions,
)
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
    "co_mentions",
    "connect",
    "find_mentions",
    "local_cluster",
    "make_partitions",
    "mention_counts",
    "ngrams",
    "quotes",
    "term_frequencies",
    "terms_and_mentions",
]
