"""What a command read from a corpus: records = documents + skipped, said on stderr.

Every command that reads a corpus (``freq``, ``actors``, ``kwic``, ``ingest``) ends with
one line ``antk CMD: N records read: D documents, S skipped`` and, for each skipped record,
its file, line and reason (the first :data:`SHOWN`, then how many more), so no input record
goes unaccounted for. The loader's own warnings (a file decoded as Windows-1256) are shown
as one line each.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Iterable, Iterator
from typing import Any

from toolkit.cli.terminal import printable

SHOWN = 20


class Reading:
    """Counts the documents that pass through :meth:`count` and collects the skipped
    records (``skipped``: the list to hand the loader) of one command.

    Example::

        >>> reading = Reading("freq")
        >>> docs = list(reading.count(["خبر", "خبر آخر"]))
        >>> reading.summary()
        'antk freq: 2 records read: 2 documents, 0 skipped'
    """

    def __init__(self, command: str) -> None:
        self.command = command
        self.documents = 0
        self.skipped: list[tuple[str, int | None, str]] = []
        self._caught: list[warnings.WarningMessage] = []
        self._catcher: Any = None

    def count(self, documents: Iterable[Any]) -> Iterator[Any]:
        """Yield ``documents`` unchanged, counting them."""
        for doc in documents:
            self.documents += 1
            yield doc

    def __enter__(self) -> Reading:
        self._catcher = warnings.catch_warnings(record=True)
        self._caught = self._catcher.__enter__()
        warnings.simplefilter("always")
        return self

    def __exit__(self, *exc: object) -> None:
        self._catcher.__exit__(*exc)
        self.show_warnings()

    def show_warnings(self) -> None:
        """Print the captured warnings, one line each (the skip count is in the summary)."""
        for w in self._caught:
            if type(w.message).__name__ != "SkippedRecordsWarning":
                print(f"antk {self.command}: warning: {printable(w.message)}", file=sys.stderr)
        self._caught.clear()

    def summary(self) -> str:
        """``antk CMD: N records read: D documents, S skipped``."""
        total = self.documents + len(self.skipped)
        return (f"antk {self.command}: {total} record{'s' * (total != 1)} read: "
                f"{self.documents} document{'s' * (self.documents != 1)}, "
                f"{len(self.skipped)} skipped")

    def report(self, documents: int | None = None) -> None:
        """Print each skipped record (file, line, reason) and the summary on stderr;
        ``documents`` replaces the count made by :meth:`count` (a corpus loaded whole)."""
        if documents is not None:
            self.documents = documents
        for file, line, reason in self.skipped[:SHOWN]:
            where = file if line is None else f"{file}, line {line}"
            print(f"antk {self.command}: skipped {printable(where)}: {printable(reason)}",
                  file=sys.stderr)
        if len(self.skipped) > SHOWN:
            print(f"antk {self.command}: skipped … and {len(self.skipped) - SHOWN} more",
                  file=sys.stderr)
        print(self.summary(), file=sys.stderr)
