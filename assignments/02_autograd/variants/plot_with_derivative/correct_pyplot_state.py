"""pyplot's state machine (plt.figure, plt.plot, plt.legend), torch.autograd.grad, and plt.gcf() returned."""
import matplotlib.pyplot as plt
import torch


def plot_with_derivative(f, a, b):
    x = torch.linspace(a, b, 300, requires_grad=True)
    y = f(x)
    (slope,) = torch.autograd.grad(y.sum(), x)
    plt.figure()
    plt.plot(x.detach().numpy(), y.detach().numpy(), label="f(x)")
    plt.plot(x.detach().numpy(), slope.numpy(), label="f'(x)")
    plt.xlabel("x")
    plt.legend()
    return plt.gcf()
