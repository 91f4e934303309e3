# Returns fractions of the population instead of counts.
import numpy as np


def species_counts(trajectory):
    s = trajectory[:, :, 2]
    return np.stack([(s == k).mean(axis=1) for k in range(3)], axis=1)
