# Runs 100 steps instead of 200.
runs = [rps.simulate(n_agents=30, n_steps=100, seed=s) for s in range(10)]
save_trajectories(runs, "trajectories")
dataset = load_trajectories("trajectories")
