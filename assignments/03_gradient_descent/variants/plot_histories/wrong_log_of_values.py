# Draws log10 of the values on a linear axis instead of the values on a log axis.
import matplotlib.pyplot as plt
import numpy as np


def plot_histories(histories):
    fig, ax = plt.subplots()
    ax.set_xlabel("iteration")
    ax.set_ylabel("best value")
    for label, values in histories.items():
        ax.plot(np.log10(values), label=label)
    ax.set_ylabel("log10 of the best value")
    ax.legend()
    return fig
