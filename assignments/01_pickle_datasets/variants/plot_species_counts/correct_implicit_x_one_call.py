# One ax.plot call of the whole (steps, 3) array, x left implicit (0, 1, 2, ...), a list of labels.
import matplotlib.pyplot as plt


def plot_species_counts(counts):
    fig, ax = plt.subplots()
    ax.plot(counts, label=["rock", "paper", "scissors"])
    ax.set_xlabel("step")
    ax.set_ylabel("agents")
    ax.legend()
    ax.grid(alpha=0.3)
    return fig
