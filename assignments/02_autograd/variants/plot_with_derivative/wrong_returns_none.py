"""Draws the right figure and shows it, but returns nothing."""
import matplotlib.pyplot as plt
import torch


def plot_with_derivative(f, a, b):
    x = torch.linspace(a, b, 400, requires_grad=True)
    y = f(x)
    (slope,) = torch.autograd.grad(y.sum(), x)
    plt.plot(x.detach(), y.detach(), label="f(x)")
    plt.plot(x.detach(), slope, label="f'(x)")
    plt.xlabel("x")
    plt.legend()
    plt.show()
