"""Points from torch.arange(a, b, step): b itself is never drawn."""
import matplotlib.pyplot as plt
import torch


def plot_with_derivative(f, a, b):
    x = torch.arange(a, b, (b - a) / 400, dtype=torch.float64).requires_grad_(True)
    y = f(x)
    (slope,) = torch.autograd.grad(y.sum(), x)
    fig, ax = plt.subplots()
    ax.plot(x.detach(), y.detach(), label="f(x)")
    ax.plot(x.detach(), slope, label="f'(x)")
    ax.set_xlabel("x")
    ax.legend()
    return fig
