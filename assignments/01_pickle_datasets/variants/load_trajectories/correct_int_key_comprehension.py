# Numeric sort key from the stem, and a comprehension that reads each file.
import pickle
from pathlib import Path


def _read(path):
    with open(path, "rb") as f:
        return pickle.load(f)


def load_trajectories(folder):
    files = [p for p in Path(folder).iterdir() if p.name.startswith("dataset_") and p.suffix == ".pkl"]
    files.sort(key=lambda p: int(p.stem[len("dataset_"):]))
    return [_read(p) for p in files]
