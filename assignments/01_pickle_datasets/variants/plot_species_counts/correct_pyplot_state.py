# pyplot's state machine (plt.figure, plt.plot, plt.legend) with a title and a grid, plt.gcf() returned.
import matplotlib.pyplot as plt
import numpy as np


def plot_species_counts(counts):
    plt.figure(figsize=(6, 3.5))
    steps = np.arange(counts.shape[0])
    plt.plot(steps, counts[:, 0], label="rock")
    plt.plot(steps, counts[:, 1], label="paper")
    plt.plot(steps, counts[:, 2], label="scissors")
    plt.xlabel("step")
    plt.ylabel("number of agents")
    plt.title("Who is winning?")
    plt.grid(True)
    plt.legend()
    return plt.gcf()
