# Uses the first input's bounds for every input.
import itertools

import numpy as np


def grid_search(f, lows, highs, n_points):
    axis = np.linspace(lows[0], highs[0], n_points)
    points = [np.array(p) for p in itertools.product(axis, repeat=len(lows))]
    values = [f(p) for p in points]
    best = int(np.argmin(values))
    return points[best], values[best]
