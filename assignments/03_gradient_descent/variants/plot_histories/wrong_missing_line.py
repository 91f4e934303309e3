# Off by one in the loop over the items: the last history is not drawn.
import matplotlib.pyplot as plt


def plot_histories(histories):
    fig, ax = plt.subplots()
    ax.set_xlabel("iteration")
    ax.set_ylabel("best value")
    labels = list(histories)
    for i in range(len(labels) - 1):
        ax.semilogy(histories[labels[i]], label=labels[i])
    ax.legend()
    return fig
