# The values as float32 tensors, drawn with semilogy on an Axes, a reference line of the best value added.
import matplotlib.pyplot as plt
import torch


def plot_histories(histories):
    fig, ax = plt.subplots()
    lowest = min(min(values) for values in histories.values())
    for label, values in histories.items():
        ax.semilogy(torch.tensor(values, dtype=torch.float32).numpy(), label=label)
    ax.axhline(lowest, color="gray", linestyle=":", label="lowest value")
    ax.set(xlabel="step", ylabel="f")
    ax.legend()
    return fig
