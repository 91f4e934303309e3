"""The points from np.linspace (float64), made a leaf with torch.from_numpy; backward on the sum fills .grad."""
import matplotlib.pyplot as plt
import numpy as np
import torch


def plot_with_derivative(f, a, b):
    grid = np.linspace(a, b, 1000)
    x = torch.from_numpy(grid).requires_grad_(True)
    y = f(x)
    y.sum().backward()
    fig, ax = plt.subplots()
    ax.plot(grid, y.detach().numpy(), label="f(x)")
    ax.plot(grid, x.grad.numpy(), label="f'(x)")
    ax.set_xlabel("x")
    ax.legend()
    return fig
