"""Changes the dtype to float64."""
import numpy as np


def to_numpy(t):
    return t.detach().cpu().numpy().astype(np.float64)
