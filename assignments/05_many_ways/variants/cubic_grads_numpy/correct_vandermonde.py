# The design matrix X = [1, x, x^2, x^3]: the gradient is 2 X^T (X p - y).
import numpy as np


def cubic_grads_numpy(x, y, a, b, c, d):
    X = np.vander(np.asarray(x, dtype=np.float64), 4, increasing=True)
    g = 2.0 * X.T @ (X @ np.array([a, b, c, d]) - np.asarray(y))
    return tuple(float(v) for v in g)
