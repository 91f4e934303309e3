# Draws the right lines and shows them, but returns nothing.
import matplotlib.pyplot as plt


def plot_histories(histories):
    fig, ax = plt.subplots()
    ax.set_xlabel("iteration")
    ax.set_ylabel("best value")
    for label, values in histories.items():
        ax.semilogy(values, label=label)
    ax.legend()
    plt.show()
