# The right lines on a log scale, without labels, so the legend is empty.
import matplotlib.pyplot as plt


def plot_histories(histories):
    fig, ax = plt.subplots()
    ax.set_xlabel("iteration")
    ax.set_ylabel("best value")
    for values in histories.values():
        ax.semilogy(values)
    return fig
