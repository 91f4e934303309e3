"""Points from b down to a (the same picture), the two lines in one plot call."""
import matplotlib.pyplot as plt
import torch


def plot_with_derivative(f, a, b):
    x = torch.linspace(b, a, 400, requires_grad=True)
    y = f(x)
    (slope,) = torch.autograd.grad(y.sum(), x)
    fig, ax = plt.subplots()
    first, second = ax.plot(x.detach(), y.detach(), x.detach(), slope)
    first.set_label("f(x)")
    second.set_label("derivative f'(x)")
    ax.set_xlabel("x")
    ax.legend()
    return fig
