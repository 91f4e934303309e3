# The folder is made first and holds a README before the runs are saved into it; seeds from a generator.
Path("trajectories").mkdir(exist_ok=True)
Path("trajectories/README.txt").write_text("ten runs of rps.simulate, 30 agents, 200 steps\n")
seeds = np.random.default_rng(2024).choice(10_000, size=10, replace=False)
save_trajectories([rps.simulate(30, 200, int(seed)) for seed in seeds], Path("trajectories"))
dataset = load_trajectories(Path("trajectories"))
