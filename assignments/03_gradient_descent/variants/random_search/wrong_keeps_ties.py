# Moves on ties too (<= instead of <): where f is flat around x0 it wanders off.
import numpy as np


def random_search(f, x0, n_iter, scale, seed):
    rng = np.random.default_rng(seed)
    x_best = np.array(x0, dtype=np.float64)
    f_best = f(x_best)
    best_history = []
    for _ in range(n_iter):
        candidate = x_best + rng.normal(0.0, scale, size=x_best.shape)
        f_candidate = f(candidate)
        if f_candidate <= f_best:
            x_best, f_best = candidate, f_candidate
        best_history.append(f_best)
    return x_best, best_history
