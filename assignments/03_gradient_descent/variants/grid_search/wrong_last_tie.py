# Keeps a point when it is as good as the best (<=), so ties go to the last grid point, not the first.
import itertools

import numpy as np


def grid_search(f, lows, highs, n_points):
    axes = [np.linspace(lo, hi, n_points) for lo, hi in zip(lows, highs)]
    x_best, f_best = None, float("inf")
    for point in itertools.product(*axes):
        value = f(np.array(point))
        if value <= f_best:
            x_best, f_best = np.array(point), value
    return x_best, f_best
