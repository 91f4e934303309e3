# Ten hand-picked distinct seeds, paths kept from save_trajectories.
seeds = [3, 14, 15, 92, 65, 35, 89, 79, 32, 38]
written = save_trajectories([rps.simulate(30, 200, seed=s) for s in seeds], "trajectories")
dataset = load_trajectories("trajectories")
