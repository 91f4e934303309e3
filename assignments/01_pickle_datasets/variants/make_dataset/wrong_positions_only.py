# Keeps only the x, y columns and drops the species.
runs = [rps.simulate(n_agents=30, n_steps=200, seed=s)[:, :, :2] for s in range(10)]
save_trajectories(runs, "trajectories")
dataset = load_trajectories("trajectories")
