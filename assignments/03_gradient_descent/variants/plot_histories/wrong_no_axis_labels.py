# Lines, labels, legend and log scale, but no axis labels.
import matplotlib.pyplot as plt


def plot_histories(histories):
    fig, ax = plt.subplots()
    for label, values in histories.items():
        ax.semilogy(values, label=label)
    ax.legend()
    return fig
