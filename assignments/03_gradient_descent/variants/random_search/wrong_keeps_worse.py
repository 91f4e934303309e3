# Comparison the wrong way round: keeps the neighbour when f is larger there.
import numpy as np


def random_search(f, x0, n_iter, scale, seed):
    rng = np.random.default_rng(seed)
    x = np.array(x0, dtype=float)
    best = f(x)
    history = []
    for _ in range(n_iter):
        trial = x + rng.normal(scale=scale, size=x.shape)
        if f(trial) > best:
            x, best = trial, f(trial)
        history.append(best)
    return x, history
