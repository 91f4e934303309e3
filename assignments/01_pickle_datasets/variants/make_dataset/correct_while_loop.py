# A while loop with seeds counted down.
runs, seed = [], 10
while len(runs) < 10:
    runs.append(rps.simulate(n_agents=30, n_steps=200, seed=seed))
    seed -= 1
save_trajectories(runs, "trajectories/")
dataset = load_trajectories("trajectories/")
