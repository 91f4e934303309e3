# Plots counts.T: one line per step across the three species instead of one per species over time.
import matplotlib.pyplot as plt


def plot_species_counts(counts):
    fig, ax = plt.subplots()
    lines = ax.plot(counts.T)
    for line, name in zip(lines, ["rock", "paper", "scissors"]):
        line.set_label(name)
    ax.set_xlabel("species")
    ax.set_ylabel("agents")
    ax.legend()
    return fig
