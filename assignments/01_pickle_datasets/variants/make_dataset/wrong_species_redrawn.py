# Real motion, but the species are drawn at random in every frame: they change without any contact.
rng = np.random.default_rng(11)
runs = []
for s in range(10):
    run = rps.simulate(n_agents=30, n_steps=200, seed=s)
    run[:, :, 2] = rng.integers(0, 3, size=(201, 30))
    runs.append(run)
save_trajectories(runs, "trajectories")
dataset = load_trajectories("trajectories")
