# One seed for all ten: ten copies of the same trajectory.
runs = [rps.simulate(n_agents=30, n_steps=200, seed=42) for _ in range(10)]
save_trajectories(runs, "trajectories")
dataset = load_trajectories("trajectories")
