# Unlabelled lines, names handed to ax.legend afterwards: the legend reads right, the lines carry no label.
import matplotlib.pyplot as plt


def plot_species_counts(counts):
    fig, ax = plt.subplots()
    ax.plot(counts)
    ax.set_xlabel("step")
    ax.set_ylabel("agents")
    ax.legend(["rock", "paper", "scissors"])
    return fig
