# Updates a before computing b's gradient (and so on): not one gradient step at one point.
import math

import numpy as np


def fit_cubic_numpy(n_steps, lr):
    x = np.linspace(-math.pi, math.pi, 2000)
    y = np.sin(x)
    a, b, c, d = np.random.randn(4)
    losses = []
    for _ in range(n_steps):
        losses.append(float(np.sum((a + b * x + c * x**2 + d * x**3 - y) ** 2)))
        a -= lr * float(np.sum(2 * (a + b * x + c * x**2 + d * x**3 - y)))
        b -= lr * float(np.sum(2 * (a + b * x + c * x**2 + d * x**3 - y) * x))
        c -= lr * float(np.sum(2 * (a + b * x + c * x**2 + d * x**3 - y) * x**2))
        d -= lr * float(np.sum(2 * (a + b * x + c * x**2 + d * x**3 - y) * x**3))
    return (float(a), float(b), float(c), float(d)), losses
