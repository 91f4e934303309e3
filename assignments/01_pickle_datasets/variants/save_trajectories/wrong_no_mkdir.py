# Forgets to create the folder (works only when it already exists).
import pickle
from pathlib import Path


def save_trajectories(trajectories, folder):
    paths = []
    for i, t in enumerate(trajectories, start=1):
        path = Path(folder) / f"dataset_{i:03d}.pkl"
        with open(path, "wb") as f:
            pickle.dump(t, f)
        paths.append(path)
    return paths
