# Writes an index file and one combined pickle of all ten runs next to the dataset files (allowed: only dataset_<number>.pkl files count).
import json

runs = [rps.simulate(n_agents=30, n_steps=200, seed=100 + s) for s in range(10)]
paths = save_trajectories(runs, "trajectories")
with open("trajectories/index.json", "w") as f:
    json.dump([str(p) for p in paths], f)
with open("trajectories/all_runs.pkl", "wb") as f:
    pickle.dump(np.stack(runs), f)
dataset = [np.asarray(a) for a in load_trajectories("trajectories")]
