# Three-digit names sort as text in numeric order, so sorted() on the glob is enough here.
import glob
import os
import pickle


def load_trajectories(folder):
    out = []
    for name in sorted(glob.glob(os.path.join(folder, "dataset_*.pkl"))):
        with open(name, "rb") as f:
            out.append(pickle.load(f))
    return out
