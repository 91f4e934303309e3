# Returns the grid point with the largest value (argmax for argmin).
import numpy as np


def grid_search(f, lows, highs, n_points):
    axes = [np.linspace(lo, hi, n_points) for lo, hi in zip(lows, highs)]
    grid = np.stack(np.meshgrid(*axes, indexing="ij"), axis=-1).reshape(-1, len(axes))
    values = [f(point) for point in grid]
    best = int(np.argmax(values))
    return grid[best], float(values[best])
