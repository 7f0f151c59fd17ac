"""Keyness: which terms are distinctive of a target corpus against a reference corpus.

The statistics are those of :mod:`toolkit.frequency.stats` (G², χ², log ratio, %DIFF), on
the 2×2 table of each term. Defaults follow quanteda's ``textstat_keyness``: G² with
Williams' correction, χ² with Yates' correction; both are *signed* (negative = the term is
relatively rarer in the target). Totals are all terms of each side, stopwords included;
stopwords are only dropped from the rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from toolkit.frequency import stats
from toolkit.frequency.document_counts import best_forms, count_keyed
from toolkit.frequency.source import iter_documents, normalize_by
from toolkit.frequency.terms import TermOptions, dropper, forms_path, make_options

#: accepted values of ``measure`` (the sort key)
MEASURES = ("g2", "chi2", "log_ratio", "pct_diff")

COLUMNS = [
    "term",
    "count_target",
    "count_reference",
    "g2",
    "chi2",
    "log_ratio",
    "pct_diff",
    "p_value",
    "per_10k_target",
    "per_10k_reference",
]


def keyness_table(
    count_target: Mapping[str, int] | pd.Series,
    count_reference: Mapping[str, int] | pd.Series,
    n_target: int | None = None,
    n_reference: int | None = None,
    *,
    measure: str = "g2",
    correction: str = "default",
    min_count: int = 1,
    drop: Callable[[str], bool] | None = None,
    forms: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Keyness of every term from two count tables (the reduce-side function).

    ``n_target``/``n_reference`` are the corpus sizes in terms (default: the sums of the
    counts). ``min_count`` is the minimum of ``count_target + count_reference``. ``p_value``
    is the χ²(1) upper tail of the sorting statistic (of G² when sorting by an effect size).
    Columns: ``term, count_target, count_reference, g2, chi2, log_ratio, pct_diff, p_value,
    per_10k_target, per_10k_reference``, sorted by ``measure`` descending (terms typical of
    the target first, of the reference last).

    >>> k = keyness_table({"حفتر": 10, "في": 990}, {"حفتر": 5, "في": 1995})
    >>> k.iloc[0]["term"], float(k.iloc[0]["log_ratio"])
    ('حفتر', 2.0)
    """
    t = pd.Series(dict(count_target) if not isinstance(count_target, pd.Series) else count_target)
    r = pd.Series(
        dict(count_reference) if not isinstance(count_reference, pd.Series) else count_reference
    )
    n_t = int(t.sum()) if n_target is None else int(n_target)
    n_r = int(r.sum()) if n_reference is None else int(n_reference)
    frame = pd.concat([t.rename("count_target"), r.rename("count_reference")], axis=1)
    frame = frame.fillna(0).astype("int64")
    frame.index.name = "term"
    frame = frame.reset_index()
    if forms:
        frame["form"] = frame["term"].map(forms).fillna(frame["term"])
    return scored_table(frame, n_t, n_r, measure=measure, correction=correction,
                        min_count=min_count, drop=drop)


def scored_table(
    frame: pd.DataFrame,
    n_target: int,
    n_reference: int,
    *,
    measure: str = "g2",
    correction: str = "default",
    min_count: int = 1,
    drop: Callable[[str], bool] | None = None,
) -> pd.DataFrame:
    """:func:`keyness_table` of a frame that already holds ``term, count_target,
    count_reference`` (one row per term; ``form`` too when it labels them), e.g. a view of
    the tidy counts by side.

    >>> frame = pd.DataFrame({"term": ["حفتر", "في"], "count_target": [10, 990],
    ...                       "count_reference": [5, 1995]})
    >>> float(scored_table(frame, 1000, 2000).iloc[0]["log_ratio"])
    2.0
    """
    if measure not in MEASURES:
        raise ValueError(f"measure={measure!r} is not one of {MEASURES}")
    if correction not in stats.CORRECTIONS:
        raise ValueError(f"correction={correction!r} is not one of {stats.CORRECTIONS}")
    if not isinstance(min_count, (int, np.integer)) or min_count < 1:
        raise ValueError(f"min_count={min_count!r} must be an integer >= 1")
    n_t, n_r = int(n_target), int(n_reference)
    frame = frame[(frame["count_target"] + frame["count_reference"]) >= min_count]
    if drop is not None and len(frame):
        frame = frame[~frame["term"].map(drop).astype(bool).to_numpy()]
    if n_t <= 0 or n_r <= 0 or frame.empty:
        return pd.DataFrame(
            {c: pd.Series([], dtype="object" if c == "term" else "float64") for c in COLUMNS}
        )
    frame = frame.copy()
    a = frame["count_target"].to_numpy()
    b = frame["count_reference"].to_numpy()
    if (a > n_t).any() or (b > n_r).any():
        raise ValueError(
            f"a term's count exceeds its corpus size (n_target={n_t}, n_reference={n_r})"
        )
    frame["g2"] = stats.g2(a, b, n_t, n_r, correction=correction)
    frame["chi2"] = stats.chi2(a, b, n_t, n_r, correction=correction)
    frame["log_ratio"] = stats.log_ratio(a, b, n_t, n_r)
    frame["pct_diff"] = stats.pct_diff(a, b, n_t, n_r)
    frame["p_value"] = stats.p_value(frame["chi2" if measure == "chi2" else "g2"])
    frame["per_10k_target"] = a / n_t * 10_000
    frame["per_10k_reference"] = b / n_r * 10_000
    frame = frame.sort_values([measure, "term"], ascending=[False, True])
    columns = [*COLUMNS, "form"] if "form" in frame.columns else COLUMNS
    frame = frame[columns].reset_index(drop=True)
    frame.attrs["n_target"] = n_t
    frame.attrs["n_reference"] = n_r
    return frame


def _count_sides(
    keyed_texts: Iterable[tuple[str, int]], options: TermOptions
) -> tuple[dict[int, pd.Series], dict[int, int], dict[str, str] | None]:
    """Term counts of ``(text, side)`` pairs (side 0 or 1), a view of the tidy table by
    side (:func:`toolkit.frequency.document_counts.count_keyed`): each side's counts (a
    Series), its size in terms (stopwords included) and each term's most frequent written
    form over both sides (None when the options count no written forms)."""
    counts, sizes = count_keyed(((text, (side,)) for text, side in keyed_texts), ["side"],
                                options)
    per = counts.groupby(["side", "term"], sort=False)["count"].sum()
    out = {int(side): per.xs(side, level="side").rename(None).rename_axis(None)
           for side in pd.unique(counts["side"])} if len(counts) else {}
    tokens = {int(s): int(t) for s, t in zip(sizes["side"], sizes["tokens"], strict=True)}
    return out, tokens, (best_forms(counts).to_dict() if forms_path(options) else None)


def _counts_of(side: Any) -> tuple[Counter, int] | None:
    """A side given as a frequency frame or a mapping: its counts and size; None for a corpus."""
    if isinstance(side, pd.DataFrame) and "term" in side.columns and "count" in side.columns:
        if side["term"].duplicated().any():
            raise ValueError(
                "a frequency frame given to keyness has repeated terms (grouped by?): "
                "give one group, e.g. freq[freq.source == 'okaz']"
            )
        counts = Counter(dict(zip(side["term"], side["count"].astype(int), strict=True)))
        return counts, int(sum(counts.values()))
    if isinstance(side, Mapping):
        counts = Counter({str(k): int(v) for k, v in side.items()})
        return counts, int(sum(counts.values()))
    return None


def _corpus_counts(
    target: Any, reference: Any, options: TermOptions
) -> tuple[Any, int, Any, int, dict[str, str] | None]:
    """Counts and sizes of two sides, each a corpus, a frequency frame or a mapping; the
    corpora are counted together (one pass, written forms merged over both)."""
    given = [_counts_of(target), _counts_of(reference)]

    def texts():
        for index, side in enumerate((target, reference)):
            if given[index] is None:
                for _doc_id, text, _key, _date in iter_documents(side):
                    yield text, index

    counts, tokens, forms = _count_sides(texts(), options)
    empty = pd.Series([], dtype="int64")
    out = []
    for index in (0, 1):
        if given[index] is not None:
            out.extend(given[index])
        else:
            out.extend([counts.get(index, empty), tokens.get(index, 0)])
    if all(g is not None for g in given):
        forms = None
    return out[0], out[1], out[2], out[3], forms


def _is_mask(group: Any) -> bool:
    if isinstance(group, (pd.Series, np.ndarray)):
        return group.dtype == bool
    return isinstance(group, list) and bool(group) and all(isinstance(g, bool) for g in group)


def _split(corpus: Any, by: str | None, group: Any, options: TermOptions):
    mask = None
    if by is None:
        mask = np.asarray(group, dtype=bool)

        def test(v):
            return False  # unused: the mask decides
    elif callable(group):
        test = group
    elif isinstance(group, (list, tuple, set, frozenset)):
        members = set(group)

        def test(v):
            return v in members
    else:

        def test(v):
            return v == group

    seen = set()
    n = 0

    def sides():
        nonlocal n
        for i, (_doc_id, text, key, _date) in enumerate(iter_documents(corpus, normalize_by(by))):
            n = i + 1
            if mask is not None:
                if i >= len(mask):
                    raise ValueError(
                        f"group (a mask of {len(mask)} values) is shorter than the corpus"
                    )
                hit = bool(mask[i])
            else:
                seen.add(key[0])
                hit = bool(test(key[0]))
            yield text, 0 if hit else 1

    counts, tokens, forms = _count_sides(sides(), options)
    if mask is not None and n != len(mask):
        raise ValueError(f"group (a mask of {len(mask)} values) does not match the {n} documents")
    what = "the mask" if mask is not None else f"group={group!r}"
    if 0 not in tokens:
        shown = sorted(map(str, seen))[:20]
        where = f" by {by!r}; values: {shown}" if by else ""
        raise ValueError(f"{what} matches no document{where}")
    if 1 not in tokens:
        raise ValueError(f"{what} covers every document: nothing left as reference")
    empty = pd.Series([], dtype="int64")
    return counts.get(0, empty), tokens[0], counts.get(1, empty), tokens[1], forms


def keyness(
    target: Any,
    reference: Any = None,
    measure: str = "g2",
    *,
    by: str | None = None,
    group: Any = None,
    correction: str = "default",
    min_count: int = 1,
    preset: str = "search",
    clitics: str = "strip",
    stopwords: bool | Sequence[str] = True,
    options: TermOptions | None = None,
) -> pd.DataFrame:
    """Terms distinctive of ``target`` against ``reference``.

    Two ways to say what is compared:

    - two corpora (or two frequency frames with ``term, count`` from
      :func:`term_frequencies`, or two ``{term: count}`` mappings):
      ``keyness(okaz, others)``;
    - one corpus and a grouping: ``keyness(corpus, by="source", group="okaz")`` compares the
      documents whose ``source`` is ``"okaz"`` with all the others. ``group`` may be a value,
      a list of values, or a predicate on the value (``by="day", group=lambda d: d.day > 1``);
    - one corpus and a boolean mask, one value per document in order:
      ``keyness(corpus, group=corpus.frame["title"].str.contains("ليبيا"))``.

    ``measure`` (``g2``, ``chi2``, ``log_ratio``, ``pct_diff``) sorts the rows, descending.
    ``correction``: ``"default"`` (Williams on G², Yates on χ², as quanteda), ``"williams"``,
    ``"yates"`` or ``"none"`` (on both). Log ratio is Hardie's (base 2, a zero count counts
    0.5). With frames or mappings the corpus sizes are the sums of their counts, which is
    smaller when stopwords were removed: pass corpora for exact totals.
    Columns: see :func:`keyness_table`; from corpora, also ``form`` (the term's most
    frequent written form over both sides, a label for charts).

    >>> from toolkit.corpus import Corpus
    >>> c = Corpus.from_records([
    ...     {"text": "حفتر في باريس. حفتر يلتقي ماكرون", "source": "a"},
    ...     {"text": "السراج في طرابلس", "source": "b"}])
    >>> keyness(c, by="source", group="a").iloc[0]["term"]
    'حفتر'
    """
    opts = make_options(options, preset=preset, clitics=clitics, stopwords=stopwords)
    if reference is None:
        if group is None or (by is None and not _is_mask(group)):
            raise ValueError(
                "keyness needs a reference corpus, or by= and group= to split the target "
                "corpus (e.g. by='source', group='okaz'), or group= a boolean mask"
            )
        if by is not None and not isinstance(by, str):
            raise TypeError(f"by={by!r}: give one column name")
        ct, nt, cr, nr, forms = _split(target, by, group, opts)
    else:
        if by is not None or group is not None:
            raise ValueError("give either a reference corpus or by=/group=, not both")
        ct, nt, cr, nr, forms = _corpus_counts(target, reference, opts)
    return sides_table(ct, nt, cr, nr, forms, opts, measure, correction, min_count)


def sides_table(
    count_target: Any,
    n_target: int,
    count_reference: Any,
    n_reference: int,
    forms: Mapping[str, str] | None,
    options: TermOptions,
    measure: str = "g2",
    correction: str = "default",
    min_count: int = 1,
) -> pd.DataFrame:
    """The table of :func:`keyness` from both sides' term counts and sizes (an error when
    a side has no terms), the stopwords of ``options`` dropped from the rows."""
    if n_target == 0:
        raise ValueError("the target corpus has no terms (empty corpus or empty texts)")
    if n_reference == 0:
        raise ValueError("the reference corpus has no terms (empty corpus or empty texts)")
    return keyness_table(
        count_target,
        count_reference,
        n_target,
        n_reference,
        measure=measure,
        correction=correction,
        min_count=min_count,
        drop=dropper(options),
        forms=forms,
    )
