# Simulates 20 agents instead of 30.
runs = [rps.simulate(n_agents=20, n_steps=200, seed=s) for s in range(10)]
save_trajectories(runs, "trajectories")
dataset = load_trajectories("trajectories")
