# Splits the work into a helper and a comprehension; the arrays are copied before saving.
import os
import pickle

import numpy as np


def _dump(array, path):
    with open(path, "wb") as f:
        pickle.dump(np.array(array, copy=True), f)
    return path


def save_trajectories(trajectories, folder):
    os.makedirs(folder, exist_ok=True)
    names = [os.path.join(folder, "dataset_{:03d}.pkl".format(k)) for k in range(1, len(trajectories) + 1)]
    return [_dump(t, p) for t, p in zip(trajectories, names)]
