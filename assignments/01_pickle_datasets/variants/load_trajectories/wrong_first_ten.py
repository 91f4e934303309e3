# Loads dataset_001 ... dataset_010 by name: right for the notebook's ten files only.
import os
import pickle


def load_trajectories(folder):
    out = []
    for i in range(1, 11):
        path = os.path.join(folder, f"dataset_{i:03d}.pkl")
        if os.path.exists(path):
            with open(path, "rb") as f:
                out.append(pickle.load(f))
    return out
