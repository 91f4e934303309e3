# The neighbourhood search on the grid: from its middle, move to the best neighbour while one is better.
import numpy as np


def grid_search(f, lows, highs, n_points):
    lows, highs = np.asarray(lows, dtype=float), np.asarray(highs, dtype=float)
    step = (highs - lows) / (n_points - 1)
    index = np.full(lows.size, n_points // 2)
    value = f(lows + index * step)
    while True:
        moves = []
        for axis in range(lows.size):
            for delta in (-1, 1):
                other = index.copy()
                other[axis] += delta
                if 0 <= other[axis] < n_points:
                    moves.append((f(lows + other * step), tuple(other)))
        best_value, best_index = min(moves)
        if best_value >= value:
            return lows + index * step, value
        value, index = best_value, np.array(best_index)
