# Explicit x values from np.arange, the log scale set before drawing, a Figure made with add_subplot.
import matplotlib.pyplot as plt
import numpy as np


def plot_histories(histories):
    fig = plt.figure(figsize=(5, 3))
    ax = fig.add_subplot(1, 1, 1)
    ax.set_yscale("log")
    for label, values in histories.items():
        values = np.asarray(values)
        ax.plot(np.arange(len(values)), values, marker=".", linestyle="--", label=label)
    ax.set_xlabel("iteration")
    ax.set_ylabel("value")
    ax.legend()
    return fig
