# Strings and os.path instead of pathlib; returns str paths.
import os
import pickle


def save_trajectories(trajectories, folder):
    os.makedirs(folder, exist_ok=True)
    paths = []
    for i in range(len(trajectories)):
        name = os.path.join(folder, "dataset_%03d.pkl" % (i + 1))
        with open(name, "wb") as f:
            pickle.dump(trajectories[i], f, protocol=pickle.HIGHEST_PROTOCOL)
        paths.append(name)
    return paths
