# A fixed figure: example curves and labels that do not depend on the histories it is given.
import matplotlib.pyplot as plt
import numpy as np


def plot_histories(histories):
    fig, ax = plt.subplots()
    ax.set_xlabel("iteration")
    ax.set_ylabel("best value")
    steps = np.arange(50)
    ax.semilogy(steps, 10.0 * 0.9**steps, label="random search")
    ax.semilogy(steps, 10.0 * 0.5**steps, label="gradient descent")
    ax.legend()
    return fig
