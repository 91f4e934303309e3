# Drops the first row (the start, step 0) and plots the rest from x = 0: off by one step.
import matplotlib.pyplot as plt


def plot_species_counts(counts):
    fig, ax = plt.subplots()
    for column, name in enumerate(["rock", "paper", "scissors"]):
        ax.plot(counts[1:, column], label=name)
    ax.set_xlabel("step")
    ax.set_ylabel("agents")
    ax.legend()
    return fig
