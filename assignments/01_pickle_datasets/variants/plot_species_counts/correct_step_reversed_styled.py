# ax.step, the lines in reverse order with their own colours and styles, capitalised labels, a figure legend.
import matplotlib.pyplot as plt
import numpy as np


def plot_species_counts(counts):
    counts = np.asarray(counts)
    fig, ax = plt.subplots()
    styles = {2: ("Scissors", "tab:red", ":"), 1: ("Paper", "tab:blue", "--"), 0: ("Rock", "tab:gray", "-")}
    for column, (label, colour, style) in styles.items():
        ax.step(range(len(counts)), counts[:, column], where="post", color=colour, linestyle=style, label=label)
    ax.set(xlabel="time step", ylabel="count")
    fig.legend(loc="upper right")
    return fig
