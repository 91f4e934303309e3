# Labelled lines on a log scale with axis labels, but no legend is drawn, so the labels never show.
import matplotlib.pyplot as plt


def plot_histories(histories):
    fig, ax = plt.subplots()
    for label, values in histories.items():
        ax.semilogy(values, label=label)
    ax.set_xlabel("iteration")
    ax.set_ylabel("best value")
    return fig
