# No linspace: one counter turned into per-axis indices (np.unravel_index), low + i * step by hand.
import numpy as np


def grid_search(f, lows, highs, n_points):
    lows = np.asarray(lows, dtype=float)
    highs = np.asarray(highs, dtype=float)
    step = (highs - lows) / (n_points - 1)
    best_index, best_value = 0, None
    for counter in range(n_points ** len(lows)):
        index = np.array(np.unravel_index(counter, (n_points,) * len(lows)))
        value = f(lows + index * step)
        if best_value is None or value < best_value:
            best_index, best_value = counter, value
    index = np.array(np.unravel_index(best_index, (n_points,) * len(lows)))
    return lows + index * step, best_value
