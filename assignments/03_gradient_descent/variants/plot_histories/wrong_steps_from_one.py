# Numbers the iterations 1, 2, ... instead of 0, 1, ...
import matplotlib.pyplot as plt


def plot_histories(histories):
    fig, ax = plt.subplots()
    ax.set_xlabel("iteration")
    ax.set_ylabel("best value")
    for label, values in histories.items():
        ax.semilogy(range(1, len(values) + 1), values, label=label)
    ax.legend()
    return fig
