# Newest first: reversed numeric order.
import pickle
from pathlib import Path


def load_trajectories(folder):
    out = []
    for path in sorted(Path(folder).glob("dataset_*.pkl"), reverse=True):
        with open(path, "rb") as f:
            out.append(pickle.load(f))
    return out
