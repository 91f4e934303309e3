# Also writes an index.txt listing the files it wrote (allowed: other files in the folder are ignored).
import pickle
from pathlib import Path


def save_trajectories(trajectories, folder):
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for number, trajectory in enumerate(trajectories, start=1):
        path = folder / f"dataset_{number:03d}.pkl"
        with open(path, "wb") as handle:
            pickle.dump(trajectory, handle)
        written.append(path)
    (folder / "index.txt").write_text("\n".join(p.name for p in written) + "\n")
    return written
