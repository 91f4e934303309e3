# itertools.product over np.linspace axes, a loop that keeps a point only when strictly better.
import itertools

import numpy as np


def grid_search(f, lows, highs, n_points):
    axes = [np.linspace(lo, hi, n_points) for lo, hi in zip(lows, highs)]
    x_best, f_best = None, float("inf")
    for point in itertools.product(*axes):
        x = np.array(point)
        value = f(x)
        if value < f_best:
            x_best, f_best = x, value
    return x_best, f_best
