# Rock and paper labels swapped: the legend names the wrong curves.
import matplotlib.pyplot as plt


def plot_species_counts(counts):
    fig, ax = plt.subplots()
    for column, name in zip(range(3), ["paper", "rock", "scissors"]):
        ax.plot(counts[:, column], label=name)
    ax.set_xlabel("step")
    ax.set_ylabel("agents")
    ax.legend()
    return fig
