"""Files → documents: the Corpus, its readers and validation, the SQLite store, datasets.

Modules: ``model`` (Corpus, Document), ``readers`` (formats), ``fields`` (the field mapping),
``encoding`` (UTF-8 / Windows-1256), ``records`` (validation), ``load`` (load_corpus,
iter_documents, load_jsonl_range), ``hashing`` (content hash, ids, fingerprint), ``dates``
(ISO dates and weeks), ``store`` (SQLite, WAL), ``datasets`` (download, verify and ingest
public corpora — the only code that touches the network) and
``embedded`` (the embedded seed article, ``sample()``).

Example::

    >>> from toolkit.corpus import sample
    >>> len(sample())
    1
"""

from toolkit.corpus.dates import iso_week
from toolkit.corpus.embedded import sample
from toolkit.corpus.errors import CorpusEncodingError, CorpusError
from toolkit.corpus.load import iter_documents, load_corpus, load_jsonl_range
from toolkit.corpus.model import Corpus, Document, fingerprint
from toolkit.corpus.store import AddReport, Store

__all__ = [
    "AddReport",
    "Corpus",
    "CorpusEncodingError",
    "CorpusError",
    "Document",
    "fingerprint",
    "iso_week",
    "iter_documents",
    "load_corpus",
    "load_jsonl_range",
    "sample",
    "Store",
]
