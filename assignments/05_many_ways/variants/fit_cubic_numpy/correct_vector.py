# The four coefficients as one vector, gradient 2 X^T (X p - y) with the design matrix.
import math

import numpy as np


def fit_cubic_numpy(n_steps, lr):
    x = np.linspace(-math.pi, math.pi, 2000)
    X = np.stack([np.ones_like(x), x, x**2, x**3], axis=1)
    y = np.sin(x)
    p = np.random.randn(4)
    losses = []
    for _ in range(n_steps):
        r = X @ p - y
        losses.append(float(r @ r))
        p = p - lr * 2.0 * X.T @ r
    return tuple(float(v) for v in p), losses
