# Plots each species' share of the agents (fractions) instead of their number.
import matplotlib.pyplot as plt
import numpy as np


def plot_species_counts(counts):
    share = counts / counts.sum(axis=1, keepdims=True)
    fig, ax = plt.subplots()
    for column, name in enumerate(["rock", "paper", "scissors"]):
        ax.plot(np.arange(len(share)), share[:, column], label=name)
    ax.set_xlabel("step")
    ax.set_ylabel("share of agents")
    ax.legend()
    return fig
