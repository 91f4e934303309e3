# Visits the grid backwards, then breaks ties itself: the lexicographically smallest of the minima.
import itertools

import numpy as np


def grid_search(f, lows, highs, n_points):
    axes = [np.linspace(lo, hi, n_points) for lo, hi in zip(lows, highs)]
    points = np.array(list(itertools.product(*axes)))[::-1]
    values = np.array([f(p) for p in points])
    minima = points[values == values.min()]
    first = np.lexsort(minima.T[::-1])[0]  # lexsort sorts by its last key first
    return minima[first], float(values.min())
