# One panel per species (shared x), each with its own axis labels and legend.
import matplotlib.pyplot as plt
import numpy as np
import rps


def plot_species_counts(counts):
    fig, axes = plt.subplots(3, 1, sharex=True, figsize=(6, 6))
    steps = np.arange(len(counts))
    for value, (ax, name) in enumerate(zip(axes, rps.SPECIES_NAMES)):
        ax.plot(steps, counts[:, value], label=name)
        ax.set_xlabel("step")
        ax.set_ylabel(f"{name} agents")
        ax.legend()
    return fig
