# No autograd at all: the gradient of 1/2 MSE derived by hand, in numpy float64, and a
# simultaneous update of both parameters.
import numpy as np


def fit_sine(xs, ys, omega0=3.0, t0=1.0, lr=0.1, n_iter=50):
    x, y = np.asarray(xs, dtype=np.float64), np.asarray(ys, dtype=np.float64)
    omega, t = float(omega0), float(t0)
    losses = []
    for _ in range(n_iter):
        r = y - np.sin(omega * x + t)
        c = np.cos(omega * x + t)
        losses.append(0.5 * np.mean(r**2))
        omega, t = omega + lr * np.mean(r * c * x), t + lr * np.mean(r * c)
    return omega, t, losses
