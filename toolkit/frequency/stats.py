"""Association statistics on 2×2 contingency tables, vectorised with numpy.

One table per term (keyness) or per word pair (collocations)::

                     term      other terms
    target           a         c = n_target - a
    reference        b         d = n_reference - b

All functions take arrays (or scalars) of ``a, b`` and the totals, and return numpy arrays.
They are the single source of the formulas used by :func:`toolkit.frequency.keyness` and
:func:`toolkit.frequency.collocations`, so that a figure in a report can be traced to one
line of code.

Formulas (``N = a + b + c + d``, expected ``E_ij = row_i * col_j / N``):

- **G²** (log-likelihood ratio): ``2 Σ O_ij ln(O_ij / E_ij)`` over the four cells
  (``0 ln 0 = 0``), the statistic ``scipy.stats.chi2_contingency(...,
  lambda_="log-likelihood")`` computes.
- **χ²** (Pearson): ``Σ (O_ij - E_ij)² / E_ij``.
- Corrections, as in quanteda's ``textstat_keyness``: **Yates** moves every observed cell
  half a unit towards its expected value (never past it; scipy's rule);
  **Williams** divides G² by ``q = 1 + (N/R1 + N/R2 - 1)(N/C1 + N/C2 - 1) / (6N)``
  (Williams 1976, for a 2×2 table).
- **log ratio** (Hardie 2014): ``log2((a / n_target) / (b / n_reference))``, where a zero
  frequency is replaced by 0.5 (Hardie's own convention), so the value stays finite.
- **%DIFF** (Gabrielatos & Marchi 2012): ``100 (f_t - f_r) / f_r`` on relative
  frequencies, with the same 0.5 substitution for a zero reference count.
"""

from __future__ import annotations

import numpy as np

# chdtrc is the function scipy.stats.chi2.sf calls; importing scipy.stats itself takes ~2 s
from scipy.special import chdtrc as _chi2_upper_tail

#: accepted values of ``correction``
CORRECTIONS = ("default", "williams", "yates", "none")

#: the count that replaces a zero in log ratio and %DIFF (Hardie 2014)
ZERO_SUBSTITUTE = 0.5


def _cells(a, b, n_target, n_reference) -> tuple[np.ndarray, np.ndarray]:
    """Observed and expected 2×2 cells, shape ``(4, k)``: order a, b, c, d."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    n_t = np.broadcast_to(np.asarray(n_target, dtype=float), a.shape)
    n_r = np.broadcast_to(np.asarray(n_reference, dtype=float), a.shape)
    c = n_t - a
    d = n_r - b
    if np.any(c < 0) or np.any(d < 0):
        raise ValueError("a count exceeds its corpus total: check n_target and n_reference")
    n = n_t + n_r
    k = a + b  # the term, across both corpora
    rest = c + d
    with np.errstate(invalid="ignore", divide="ignore"):
        expected = np.stack([n_t * k / n, n_r * k / n, n_t * rest / n, n_r * rest / n])
    observed = np.stack([a, b, c, d])
    return observed, expected


def _yates(observed: np.ndarray, expected: np.ndarray) -> np.ndarray:
    diff = expected - observed
    return observed + np.sign(diff) * np.minimum(0.5, np.abs(diff))


def _g2_from_cells(observed: np.ndarray, expected: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        terms = np.where(observed > 0, observed * np.log(observed / expected), 0.0)
    return 2.0 * terms.sum(axis=0)


def _williams_q(observed: np.ndarray) -> np.ndarray:
    a, b, c, d = observed
    n = a + b + c + d
    with np.errstate(invalid="ignore", divide="ignore"):
        rows = n / (a + c) + n / (b + d) - 1.0  # target / reference totals
        cols = n / (a + b) + n / (c + d) - 1.0  # term / other terms
        return 1.0 + rows * cols / (6.0 * n)


def _check_correction(correction: str) -> None:
    if correction not in CORRECTIONS:
        raise ValueError(f"correction={correction!r} is not one of {CORRECTIONS}")


def direction(a, b, n_target, n_reference) -> np.ndarray:
    """+1 where the term is relatively more frequent in the target, -1 where less, 0 if equal."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.sign(a * np.asarray(n_reference, float) - b * np.asarray(n_target, float))


def g2(a, b, n_target, n_reference, correction: str = "default", signed: bool = True) -> np.ndarray:
    """Log-likelihood G² of each 2×2 table (``"default"`` = Williams' correction).

    ``correction``: ``"default"``/``"williams"`` divide by Williams' q; ``"yates"`` applies
    the continuity correction to the cells first; ``"none"`` is the raw statistic (equal to
    ``scipy.stats.chi2_contingency(t, correction=False, lambda_="log-likelihood")``).
    With ``signed=True`` the value is negative where the term is under-used in the target.

    >>> round(float(g2(10, 5, 1000, 2000, correction="none")), 4)
    6.9692
    >>> round(float(g2(10, 5, 1000, 2000)), 4)  # Williams: q = 1.03889
    6.7083
    """
    _check_correction(correction)
    observed, expected = _cells(a, b, n_target, n_reference)
    if correction == "yates":
        observed_used = _yates(observed, expected)
    else:
        observed_used = observed
    value = _g2_from_cells(observed_used, expected)
    if correction in ("default", "williams"):
        value = value / _williams_q(observed)
    value = np.nan_to_num(value, nan=0.0)
    if signed:
        value = value * np.where(direction(a, b, n_target, n_reference) < 0, -1.0, 1.0)
    return value


def chi2(
    a, b, n_target, n_reference, correction: str = "default", signed: bool = True
) -> np.ndarray:
    """Pearson χ² of each 2×2 table (``"default"`` = Yates' continuity correction).

    ``"williams"`` divides by Williams' q, ``"none"`` is the raw statistic.

    >>> round(float(chi2(10, 5, 1000, 2000, correction="none")), 4)
    7.5377
    """
    _check_correction(correction)
    observed, expected = _cells(a, b, n_target, n_reference)
    if correction in ("default", "yates"):
        observed_used = _yates(observed, expected)
    else:
        observed_used = observed
    with np.errstate(invalid="ignore", divide="ignore"):
        value = ((observed_used - expected) ** 2 / expected).sum(axis=0)
    if correction == "williams":
        value = value / _williams_q(observed)
    value = np.nan_to_num(value, nan=0.0)
    if signed:
        value = value * np.where(direction(a, b, n_target, n_reference) < 0, -1.0, 1.0)
    return value


def p_value(statistic) -> np.ndarray:
    """Upper-tail p-value of a (signed) G² or χ² statistic with one degree of freedom."""
    return _chi2_upper_tail(1, np.abs(np.asarray(statistic, dtype=float)))


def log_ratio(a, b, n_target, n_reference) -> np.ndarray:
    """Hardie's log ratio: binary log of the ratio of relative frequencies (zeros → 0.5).

    1 means twice as frequent in the target, -1 half as frequent.

    >>> float(log_ratio(10, 5, 1000, 2000))
    2.0
    """
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    a = np.where(a == 0, ZERO_SUBSTITUTE, a)
    b = np.where(b == 0, ZERO_SUBSTITUTE, b)
    return np.log2((a / np.asarray(n_target, float)) / (b / np.asarray(n_reference, float)))


def pct_diff(a, b, n_target, n_reference) -> np.ndarray:
    """%DIFF: percentage difference of relative frequencies (zero reference count → 0.5).

    >>> float(pct_diff(10, 5, 1000, 2000))
    300.0
    """
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    b = np.where(b == 0, ZERO_SUBSTITUTE, b)
    f_t = a / np.asarray(n_target, float)
    f_r = b / np.asarray(n_reference, float)
    return 100.0 * (f_t - f_r) / f_r


def association(o11, f1, f2, n) -> dict[str, np.ndarray]:
    """PMI, signed G² and t-score of word pairs (Evert's notation).

    ``o11`` = pair count, ``f1`` = count of the first word in first position, ``f2`` = count
    of the second word in second position, ``n`` = number of pairs. ``E11 = f1 f2 / n``;
    ``pmi = log2(o11 / E11)``; ``t = (o11 - E11) / sqrt(o11)``; ``ll`` = G² of the 2×2 table
    (``o11, f1 - o11, f2 - o11, n - f1 - f2 + o11``), no correction, negative when the pair is
    rarer than chance.

    >>> {k: round(float(v), 3) for k, v in association(3, 4, 5, 100).items()}
    {'pmi': 3.907, 'll': 15.762, 't_score': 1.617}
    """
    o11 = np.asarray(o11, dtype=float)
    f1 = np.asarray(f1, dtype=float)
    f2 = np.asarray(f2, dtype=float)
    n = np.asarray(n, dtype=float)
    e11 = f1 * f2 / n
    with np.errstate(invalid="ignore", divide="ignore"):
        pmi = np.log2(o11 / e11)
        t = (o11 - e11) / np.sqrt(o11)
    # the first word's rows: [o11, f1 - o11] vs the rest: [f2 - o11, n - f1 - f2 + o11]
    ll = g2(o11, f2 - o11, f1, n - f1, correction="none", signed=True)
    return {"pmi": pmi, "ll": ll, "t_score": t}
