"""The noisy cubic used throughout assignment 04.

A hidden rule links x and y:  y = 1.3 x^3 - 3 x^2 + 3.6 x + 6.9.  We observe 80 inputs drawn
uniformly on [-1, 3] (numpy seed 42) and each output with standard normal noise added. The
inputs are drawn first and the noise second, from the same seeded generator, so the data set is
identical on every machine.

    >>> xs, ys = make_cubic_data()
    >>> xs.shape, ys.shape          # one column each: (n_points, 1)
    ((80, 1), (80, 1))
"""

from __future__ import annotations

import numpy as np

LOW, HIGH = -1.0, 3.0
N_POINTS = 80
SEED = 42


def true_function(x):
    """The noiseless rule, for numbers or numpy arrays of any shape."""
    x = np.asarray(x, dtype=np.float64)
    return 1.3 * x**3 - 3.0 * x**2 + 3.6 * x + 6.9


def make_cubic_data(n_points: int = N_POINTS, low: float = LOW, high: float = HIGH,
                    noise: float = 1.0, seed: int = SEED):
    """Return ``(xs, ys)``, two float64 arrays of shape ``(n_points, 1)``.

    ``noise`` is the standard deviation of the Gaussian noise added to ``true_function(xs)``.
    The global numpy random state is left untouched."""
    if n_points < 1:
        raise ValueError("n_points must be at least 1")
    if not low < high:
        raise ValueError("low must be smaller than high")
    generator = np.random.RandomState(seed)  # the legacy generator behind np.random.seed
    xs = generator.uniform(low, high, n_points)[:, None]
    ys = true_function(xs) + noise * generator.normal(size=(n_points, 1))
    return xs, ys


def grid(n: int = 200, low: float = LOW, high: float = HIGH):
    """Evenly spaced inputs of shape ``(n, 1)`` for drawing smooth curves over the data's range."""
    return np.linspace(low, high, n)[:, None]
