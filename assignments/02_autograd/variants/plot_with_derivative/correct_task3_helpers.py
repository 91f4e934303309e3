"""Reuses the notebook's own autograd_derivative (Task 3) and to_numpy (Task 2), derivative drawn first."""
import matplotlib.pyplot as plt
import torch


def plot_with_derivative(f, a, b):
    x = torch.linspace(a, b, 500, dtype=torch.float64)
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.plot(to_numpy(x), to_numpy(autograd_derivative(f, x)), "r:", label="f'(x) (autograd)")
    ax.plot(to_numpy(x), to_numpy(f(x)), "k-", label="f(x)")
    ax.set_xlabel("$x$")
    ax.legend(loc="best")
    return fig
