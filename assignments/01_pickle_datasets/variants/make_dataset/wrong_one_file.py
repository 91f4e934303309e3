# Pickles all ten trajectories into a single file.
import os
import pickle

runs = [rps.simulate(n_agents=30, n_steps=200, seed=s) for s in range(10)]
os.makedirs("trajectories", exist_ok=True)
with open("trajectories/dataset_001.pkl", "wb") as f:
    pickle.dump(runs, f)
dataset = runs
