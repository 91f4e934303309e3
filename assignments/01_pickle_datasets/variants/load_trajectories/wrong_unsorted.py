# Keeps the order the file system lists, which is not numeric order.
import os
import pickle


def load_trajectories(folder):
    out = []
    for name in os.listdir(folder):
        if name.startswith("dataset_") and name.endswith(".pkl"):
            with open(os.path.join(folder, name), "rb") as f:
                out.append(pickle.load(f))
    return out
