"""Draws only the derivative (by autograd), not f itself."""
import matplotlib.pyplot as plt
import torch


def plot_with_derivative(f, a, b):
    x = torch.linspace(a, b, 400, requires_grad=True)
    (slope,) = torch.autograd.grad(f(x).sum(), x)
    fig, ax = plt.subplots()
    ax.plot(x.detach(), slope, label="f'(x)")
    ax.set_xlabel("x")
    ax.legend()
    return fig
