# Stacks everything into one array instead of returning a list of arrays.
import pickle
from pathlib import Path

import numpy as np


def load_trajectories(folder):
    arrays = []
    for path in sorted(Path(folder).glob("dataset_*.pkl")):
        with open(path, "rb") as f:
            arrays.append(pickle.load(f))
    return np.concatenate([a.ravel() for a in arrays])
