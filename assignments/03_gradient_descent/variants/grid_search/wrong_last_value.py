# The right x_best, but f_best is the value of the last grid point evaluated.
import itertools

import numpy as np


def grid_search(f, lows, highs, n_points):
    axes = [np.linspace(lo, hi, n_points) for lo, hi in zip(lows, highs)]
    x_best, f_best, value = None, float("inf"), None
    for point in itertools.product(*axes):
        value = f(np.array(point))
        if value < f_best:
            x_best, f_best = np.array(point), value
    return x_best, value
