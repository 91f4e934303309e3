# Returns the axes instead of the figure.
import matplotlib.pyplot as plt


def plot_species_counts(counts):
    fig, ax = plt.subplots()
    ax.plot(counts, label=["rock", "paper", "scissors"])
    ax.set_xlabel("step")
    ax.set_ylabel("agents")
    ax.legend()
    return ax
