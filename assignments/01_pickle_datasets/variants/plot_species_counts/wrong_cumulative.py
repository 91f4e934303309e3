# Plots the running total of each count over the steps instead of the count at each step.
import matplotlib.pyplot as plt
import numpy as np


def plot_species_counts(counts):
    total = np.cumsum(counts, axis=0)
    fig, ax = plt.subplots()
    for column, name in enumerate(["rock", "paper", "scissors"]):
        ax.plot(np.arange(len(total)), total[:, column], label=name)
    ax.set_xlabel("step")
    ax.set_ylabel("agents")
    ax.legend()
    return fig
