"""``statistics.mean`` from exact sums: the same number, without ``statistics``' fractions.

Every finite float is a fraction ``n / 2**k``; the values of a list are summed exactly as one
such fraction (``exact_sum``), and sums of several lists add up exactly again (``mean``), so
that the mean of the values of many sentences (a letter's LiNT-II) is gathered from each
sentence's sum instead of from every word again. ``tests/test_readability_letter_score.py``
compares ``mean`` with ``statistics.mean``.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence

Sum = tuple[int, int, bool]  # numerator, shift (the sum is numerator / 2**shift), any float
Summed = tuple[tuple[float, ...], Sum | None]  # values and their exact sum
# every finite float is n / 2**k with k <= 1074 (the smallest subnormal is 2**-1074): over
# this one denominator the exact sums of many lists add up as plain ints (``wide``)
WIDE = 1074


def summed(values: tuple[float, ...]) -> Summed:
    return values, exact_sum(values)


def exact_sum(values: Sequence[float]) -> Sum | None:
    """The exact sum of ``values`` as ``numerator / 2**shift`` (every finite float is such a
    fraction), and whether a value is a float; None when a value is no int or finite float."""
    numerator = shift = 0
    floats = False
    for value in values:
        if type(value) is int:
            n, s = value, 0
        elif type(value) is float and math.isfinite(value):
            n, d = value.as_integer_ratio()
            s = d.bit_length() - 1
            floats = True
        else:
            return None
        if s > shift:
            numerator <<= s - shift
            shift = s
        numerator += n << (shift - s)
    return numerator, shift, floats


def mean(summed: Sequence[Summed]) -> float | None:
    """``statistics.mean`` of all the values of ``summed`` (None without values), the same
    number: their exact sum divided by their count, correctly rounded to a float (an int when
    every value is one and the mean is a whole number), as ``statistics`` gives it."""
    count = sum(len(values) for values, _ in summed)
    if not count:
        return None
    sums = [exact for values, exact in summed if values]
    if None in sums:
        return statistics.mean([v for values, _ in summed for v in values])
    shift = max(s for _, s, _ in sums)  # type: ignore[misc]
    numerator = sum(n << (shift - s) for n, s, _ in sums)  # type: ignore[misc]
    denominator = count << shift
    if any(floats for _, _, floats in sums) or numerator % denominator:  # type: ignore[misc]
        return numerator / denominator  # int division is correctly rounded, as float(Fraction)
    return numerator // denominator


def wide(total: Sum) -> int:
    """The exact sum ``total`` as a numerator over ``2**WIDE``."""
    numerator, shift, _ = total
    return numerator << (WIDE - shift)


def wide_mean(count: int, numerator: int, floats: bool) -> float | None:
    """``mean`` of ``count`` values whose exact sum is ``numerator / 2**WIDE`` (the ``wide``
    sums of their lists added up; ``floats``: any value a float): the same number."""
    if not count:
        return None
    denominator = count << WIDE
    if floats or numerator % denominator:
        return numerator / denominator  # int division is correctly rounded, as float(Fraction)
    return numerator // denominator
