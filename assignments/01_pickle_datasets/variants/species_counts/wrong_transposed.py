# Shape (3, n_steps + 1) instead of (n_steps + 1, 3).
import numpy as np


def species_counts(trajectory):
    s = trajectory[:, :, 2]
    return np.stack([(s == k).sum(axis=1) for k in range(3)], axis=0)
