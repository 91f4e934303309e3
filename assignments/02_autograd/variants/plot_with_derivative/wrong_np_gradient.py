"""f' from np.gradient of the drawn values (differences of neighbouring samples), not autograd."""
import matplotlib.pyplot as plt
import numpy as np
import torch


def plot_with_derivative(f, a, b):
    grid = np.linspace(a, b, 4000)
    values = f(torch.from_numpy(grid)).numpy()
    fig, ax = plt.subplots()
    ax.plot(grid, values, label="f(x)")
    ax.plot(grid, np.gradient(values, grid), label="f'(x)")
    ax.set_xlabel("x")
    ax.legend()
    return fig
