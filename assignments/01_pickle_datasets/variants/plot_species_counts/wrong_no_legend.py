# Labelled lines but no legend: nothing on the figure names them.
import matplotlib.pyplot as plt
import numpy as np


def plot_species_counts(counts):
    fig, ax = plt.subplots()
    for column, name in enumerate(["rock", "paper", "scissors"]):
        ax.plot(np.arange(len(counts)), counts[:, column], label=name)
    ax.set_xlabel("step")
    ax.set_ylabel("agents")
    return fig
