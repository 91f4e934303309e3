# Python's min with key=f over the product (first minimum wins), then f evaluated once more at the winner.
import itertools

import numpy as np


def grid_search(f, lows, highs, n_points):
    axes = [np.linspace(lows[i], highs[i], n_points) for i in range(len(lows))]
    x_best = min((np.array(p) for p in itertools.product(*axes)), key=f)
    return x_best, f(x_best)
