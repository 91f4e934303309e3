# Reseeds numpy's global generator at the start of every call: deterministic per seed too.
import numpy as np


def random_search(f, x0, n_iter, scale, seed):
    np.random.seed(seed)
    x = np.asarray(x0, dtype=float)
    best = f(x)
    history = []
    for _ in range(n_iter):
        trial = x + np.random.normal(scale=scale, size=np.shape(x))
        trial_value = f(trial)
        if trial_value < best:
            x = trial
            best = trial_value
        history.append(best)
    return x, history
