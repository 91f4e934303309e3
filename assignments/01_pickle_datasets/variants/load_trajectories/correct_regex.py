# A regular expression picks the files and their numbers; os.listdir instead of glob.
import os
import pickle
import re


def load_trajectories(folder):
    pattern = re.compile(r"^dataset_(\d+)\.pkl$")
    numbered = []
    for name in os.listdir(folder):
        match = pattern.match(name)
        if match:
            numbered.append((int(match.group(1)), name))
    out = []
    for _, name in sorted(numbered):
        with open(os.path.join(folder, name), "rb") as f:
            out.append(pickle.load(f))
    return out
