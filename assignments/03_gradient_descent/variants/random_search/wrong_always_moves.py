# Moves to every neighbour (a random walk) and records the current value, not the best.
import numpy as np


def random_search(f, x0, n_iter, scale, seed):
    rng = np.random.default_rng(seed)
    x = np.array(x0, dtype=float)
    history = []
    for _ in range(n_iter):
        x = x + rng.normal(scale=scale, size=x.shape)
        history.append(f(x))
    return x, history
