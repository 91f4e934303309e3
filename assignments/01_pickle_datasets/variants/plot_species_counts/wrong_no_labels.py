# The right three lines without labels: the legend has nothing to name.
import matplotlib.pyplot as plt
import numpy as np


def plot_species_counts(counts):
    fig, ax = plt.subplots()
    steps = np.arange(len(counts))
    for column in range(3):
        ax.plot(steps, counts[:, column])
    ax.set_xlabel("step")
    ax.set_ylabel("agents")
    ax.legend()
    return fig
