# Draws with pyplot's state machine and returns the pyplot module itself, not the figure.
import matplotlib.pyplot as plt


def plot_species_counts(counts):
    plt.figure()
    for column, name in enumerate(["rock", "paper", "scissors"]):
        plt.plot(counts[:, column], label=name)
    plt.xlabel("step")
    plt.ylabel("agents")
    plt.legend()
    return plt
