# mkdir without exist_ok: fails as soon as the folder is already there.
import pickle
from pathlib import Path


def save_trajectories(trajectories, folder):
    folder = Path(folder)
    folder.mkdir(parents=True)
    written = []
    for number, trajectory in enumerate(trajectories, start=1):
        path = folder / f"dataset_{number:03d}.pkl"
        with open(path, "wb") as handle:
            pickle.dump(trajectory, handle)
        written.append(path)
    return written
