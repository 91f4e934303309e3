# A while loop, str.zfill for the number, and pathlib paths returned.
import pickle
from pathlib import Path


def save_trajectories(trajectories, folder):
    target = Path(folder)
    if not target.exists():
        target.mkdir(parents=True)
    written, i = [], 0
    while i < len(trajectories):
        path = target / ("dataset_" + str(i + 1).zfill(3) + ".pkl")
        with path.open("wb") as f:
            pickle.dump(trajectories[i], f)
        written.append(path)
        i += 1
    return written
