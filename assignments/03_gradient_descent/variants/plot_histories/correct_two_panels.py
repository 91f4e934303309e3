# Two panels: the curves on a log scale on the left, a bar chart of the last values on the right;
# the legend is the figure's (fig.legend), not the axes'.
import matplotlib.pyplot as plt


def plot_histories(histories):
    fig, (ax, bars) = plt.subplots(1, 2, figsize=(9, 3))
    for label, values in reversed(list(histories.items())):
        ax.plot(range(len(values)), list(values), label=label)
    ax.set_yscale("log")
    ax.set_xlabel("iteration")
    ax.set_ylabel("best value")
    fig.legend(loc="upper right")
    bars.bar(range(len(histories)), [values[-1] for values in histories.values()])
    return fig
