# Reuses gradient_descent from the notebook: one run per k, keeping the end point.
import numpy as np


def gd_errors(lr, n_steps, x0=2.0):
    def f(x):
        return x**2 + 3 * x + 1

    return np.array([abs(gradient_descent(f, x0, lr, k)[0].item() + 1.5) for k in range(n_steps + 1)])


max_stable_lr = 1.0
