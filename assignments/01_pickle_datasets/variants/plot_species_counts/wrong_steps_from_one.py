# Numbers the steps 1 ... n_steps + 1: every point one step to the right.
import matplotlib.pyplot as plt
import numpy as np


def plot_species_counts(counts):
    steps = np.arange(1, len(counts) + 1)
    fig, ax = plt.subplots()
    for column, name in enumerate(["rock", "paper", "scissors"]):
        ax.plot(steps, counts[:, column], label=name)
    ax.set_xlabel("step")
    ax.set_ylabel("agents")
    ax.legend()
    return fig
