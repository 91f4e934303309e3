# Saves into data/ instead of trajectories/.
runs = [rps.simulate(n_agents=30, n_steps=200, seed=s) for s in range(10)]
save_trajectories(runs, "data")
dataset = load_trajectories("data")
