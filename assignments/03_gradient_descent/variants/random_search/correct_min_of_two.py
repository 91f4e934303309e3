# Python's random module with its own Random(seed); keeps the best of current and candidate
# with min(), a different shape of the same rule.
import random

import numpy as np


def random_search(f, x0, n_iter, scale, seed):
    rand = random.Random(seed)
    current = np.atleast_1d(np.asarray(x0, dtype=np.float64))
    scalar = np.ndim(x0) == 0
    unwrap = (lambda v: v[0]) if scalar else (lambda v: v)
    pairs = (f(unwrap(current)), current)
    history = []
    for _ in range(n_iter):
        candidate = pairs[1] + np.array([rand.gauss(0.0, scale) for _ in range(current.size)])
        pairs = min(pairs, (f(unwrap(candidate)), candidate), key=lambda p: p[0])
        history.append(pairs[0])
    return unwrap(pairs[1]), history
