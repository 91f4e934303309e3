# Always draws the neighbour around the starting point x0, not around the best point so far.
import numpy as np


def random_search(f, x0, n_iter, scale, seed):
    rng = np.random.default_rng(seed)
    start = np.array(x0, dtype=np.float64)
    x_best, f_best = start, f(start)
    best_history = []
    for _ in range(n_iter):
        candidate = start + rng.normal(0.0, scale, size=start.shape)
        f_candidate = f(candidate)
        if f_candidate < f_best:
            x_best, f_best = candidate, f_candidate
        best_history.append(f_best)
    return x_best, best_history
