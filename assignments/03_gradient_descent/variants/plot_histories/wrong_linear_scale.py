# The right lines and labels, but a linear y scale.
import matplotlib.pyplot as plt


def plot_histories(histories):
    fig, ax = plt.subplots()
    ax.set_xlabel("iteration")
    ax.set_ylabel("best value")
    for label, values in histories.items():
        ax.plot(values, label=label)
    ax.legend()
    return fig
