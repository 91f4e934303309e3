# Agents wander in a clipped random walk (no straight lines, no bounces); species from a real run.
rng = np.random.default_rng(12)
runs = []
for s in range(10):
    run = rps.simulate(n_agents=30, n_steps=200, seed=s)
    steps = rng.normal(scale=0.01, size=(200, 30, 2))
    run[1:, :, :2] = np.clip(run[0, :, :2] + np.cumsum(steps, axis=0), 0.0, 1.0)
    runs.append(run)
save_trajectories(runs, "trajectories")
dataset = load_trajectories("trajectories")
