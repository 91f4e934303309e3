# Hard-codes the notebook's ten trajectories.
import os
import pickle


def save_trajectories(trajectories, folder):
    os.makedirs(folder, exist_ok=True)
    paths = []
    for i in range(min(10, len(trajectories))):
        name = os.path.join(folder, f"dataset_{i + 1:03d}.pkl")
        with open(name, "wb") as f:
            pickle.dump(trajectories[i], f)
        paths.append(name)
    return paths
