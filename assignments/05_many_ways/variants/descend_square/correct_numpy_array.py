# Iterates kept in a preallocated numpy array, returned as such.
import numpy as np


def descend_square(x0, lr, n_steps):
    xs = np.empty(n_steps + 1)
    xs[0] = x0
    for k in range(n_steps):
        grad = 2 * (xs[k] - 2)
        xs[k + 1] = xs[k] - lr * grad
    return xs
