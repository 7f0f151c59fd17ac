"""``toolkit.actors.quotes(..., client=)`` on a real LocalCluster: the serial table, exactly.

The 435 SaudiNewsNet articles about Libya (shared data; skipped when absent), given as a
corpus and as its analysis; the serial result is the expected value (``assert_frame_equal``
with exact dtypes).
"""

from __future__ import annotations

import pytest
from pandas.testing import assert_frame_equal

distributed = pytest.importorskip("distributed", reason="pip install -e '.[scale]'")

from toolkit.actors import load_libya_actors, quotes  # noqa: E402
from toolkit.corpus import load_corpus  # noqa: E402
from toolkit.scale import local_cluster  # noqa: E402
from toolkit.text import analyze  # noqa: E402


def test_quotes_on_dask_equal_the_serial_route(libya_jsonl):
    actors = load_libya_actors()
    corpus = load_corpus(libya_jsonl)
    serial = quotes(corpus, actors)
    assert len(serial) > 500  # a real table: Libya's articles quote officials throughout
    cluster = local_cluster(n_workers=2)
    client = distributed.Client(cluster)
    try:
        assert_frame_equal(quotes(corpus, actors, client=client), serial)
        assert_frame_equal(quotes(analyze(corpus), actors, client=client), serial)
    finally:
        client.close()
        cluster.close()
