"""Everything but the x-axis label."""
import matplotlib.pyplot as plt
import torch


def plot_with_derivative(f, a, b):
    x = torch.linspace(a, b, 400, requires_grad=True)
    y = f(x)
    (slope,) = torch.autograd.grad(y.sum(), x)
    fig, ax = plt.subplots()
    ax.plot(x.detach(), y.detach(), label="f(x)")
    ax.plot(x.detach(), slope, label="f'(x)")
    ax.legend()
    return fig
