# Loops over range(2): the scissors never get a line.
import matplotlib.pyplot as plt
import numpy as np


def plot_species_counts(counts):
    names = ["rock", "paper", "scissors"]
    fig, ax = plt.subplots()
    for value in range(2):
        ax.plot(np.arange(len(counts)), counts[:, value], label=names[value])
    ax.set_xlabel("step")
    ax.set_ylabel("agents")
    ax.legend()
    return fig
