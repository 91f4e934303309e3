"""np.asarray after detach: the same failure as .numpy() on a GPU tensor."""
import numpy as np


def to_numpy(t):
    return np.asarray(t.detach())
