# Lines and legend right, but neither axis is labelled.
import matplotlib.pyplot as plt


def plot_species_counts(counts):
    fig, ax = plt.subplots()
    ax.plot(counts, label=["rock", "paper", "scissors"])
    ax.legend()
    return fig
