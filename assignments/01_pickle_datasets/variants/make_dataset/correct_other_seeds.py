# Different seeds (not 0..9), built in a loop.
runs = []
for k in range(10):
    runs.append(rps.simulate(n_agents=30, n_steps=200, seed=1000 + 17 * k))
save_trajectories(runs, "trajectories")
dataset = load_trajectories("trajectories")
