# Loads every .pkl in the folder, other people's files included.
import pickle
from pathlib import Path


def load_trajectories(folder):
    out = []
    for path in sorted(Path(folder).glob("*.pkl")):
        with open(path, "rb") as f:
            out.append(pickle.load(f))
    return out
