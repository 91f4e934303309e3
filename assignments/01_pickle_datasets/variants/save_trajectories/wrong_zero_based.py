# Numbers files from 000: dataset_000.pkl, dataset_001.pkl, ...
import os
import pickle


def save_trajectories(trajectories, folder):
    os.makedirs(folder, exist_ok=True)
    paths = []
    for i, t in enumerate(trajectories):
        name = os.path.join(folder, f"dataset_{i:03d}.pkl")
        with open(name, "wb") as f:
            pickle.dump(t, f)
        paths.append(name)
    return paths
