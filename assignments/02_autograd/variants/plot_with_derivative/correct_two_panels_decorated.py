"""Two panels sharing x, 4000 points, a zero line, end markers, a grid, a title and one figure legend."""
import matplotlib.pyplot as plt
import torch


def plot_with_derivative(f, a, b):
    x = torch.linspace(a, b, 4000, dtype=torch.float64).requires_grad_()
    y = f(x)
    (slope,) = torch.autograd.grad(y, x, grad_outputs=torch.ones_like(y))
    fig, (top, bottom) = plt.subplots(2, 1, sharex=True, figsize=(6, 6))
    top.plot(x.detach(), y.detach(), color="tab:blue", lw=2, label="f(x)")
    top.plot([a, b], [y[0].item(), y[-1].item()], "o", label="_ends")
    top.grid(True)
    bottom.plot(x.detach(), slope, color="tab:orange", ls="-.", label="f '(x), autograd")
    bottom.axhline(0.0, color="gray", lw=0.5)
    bottom.set_xlabel("x")
    fig.suptitle(f"f and f' on [{a}, {b}]")
    fig.legend()
    return fig
