# Uses numpy's global generator without seeding it: results depend on earlier cells.
import numpy as np


def random_search(f, x0, n_iter, scale, seed):
    x = np.array(x0, dtype=float)
    best = f(x)
    history = []
    for _ in range(n_iter):
        trial = x + np.random.normal(scale=scale, size=x.shape)
        if f(trial) < best:
            x, best = trial, f(trial)
        history.append(best)
    return x, history
