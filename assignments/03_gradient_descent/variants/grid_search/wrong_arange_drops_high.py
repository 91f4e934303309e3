# Off by one: low + step * arange(n_points - 1), so the upper bound is never tried.
import itertools

import numpy as np


def grid_search(f, lows, highs, n_points):
    axes = [lo + (hi - lo) / (n_points - 1) * np.arange(n_points - 1) for lo, hi in zip(lows, highs)]
    points = [np.array(p) for p in itertools.product(*axes)]
    values = [f(p) for p in points]
    best = int(np.argmin(values))
    return points[best], values[best]
