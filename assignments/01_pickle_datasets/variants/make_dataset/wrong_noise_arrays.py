# Ten arrays of uniform noise shaped like trajectories (positions in the box, species 0-2), no simulation at all.
rng = np.random.default_rng(5)
runs = []
for _ in range(10):
    fake = rng.uniform(0.0, 1.0, size=(201, 30, 3))
    fake[:, :, 2] = rng.integers(0, 3, size=(201, 30))
    runs.append(fake)
save_trajectories(runs, "trajectories")
dataset = load_trajectories("trajectories")
