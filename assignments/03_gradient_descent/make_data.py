"""Write sgd_data.npy: 50 noisy samples of sin(omega * x + t) with omega = 2.188 and t = 1.

Column 0 holds x, column 1 holds y. The build runs this script in a staging copy of the
assignment and ships the file with the student release; it is deterministic (fixed seed), so
every build writes the same bytes.
"""

from pathlib import Path

import numpy as np

OMEGA, PHASE = 2.188, 1.0
N_POINTS = 50
NOISE = 0.1


def make(seed: int = 9) -> np.ndarray:
    rng = np.random.default_rng(seed)
    xs = np.sort(rng.uniform(-2.0, 2.0, N_POINTS))
    ys = np.sin(OMEGA * xs + PHASE) + rng.normal(0.0, NOISE, N_POINTS)
    return np.stack([xs, ys], axis=1)


if __name__ == "__main__":
    np.save(Path(__file__).resolve().parent / "sgd_data.npy", make())
