# Random search instead: as many uniformly drawn points in the box as the grid has.
import numpy as np


def grid_search(f, lows, highs, n_points):
    rng = np.random.default_rng(0)
    lows, highs = np.asarray(lows, dtype=float), np.asarray(highs, dtype=float)
    x_best, f_best = None, np.inf
    for _ in range(n_points ** len(lows)):
        x = rng.uniform(lows, highs)
        value = f(x)
        if value < f_best:
            x_best, f_best = x, value
    return x_best, f_best
