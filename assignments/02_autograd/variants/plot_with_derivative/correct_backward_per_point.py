"""One backward per point on a fresh 0-d leaf, the slopes collected in a Python list; TeX labels."""
import matplotlib.pyplot as plt
import torch


def plot_with_derivative(f, a, b):
    xs = torch.linspace(a, b, 200)
    values, slopes = [], []
    for value in xs:
        leaf = value.clone().requires_grad_(True)
        y = f(leaf)
        y.backward()
        values.append(y.item())
        slopes.append(leaf.grad.item())
    fig, ax = plt.subplots()
    ax.plot(xs.numpy(), values, label="$f(x)$")
    ax.plot(xs.numpy(), slopes, label="$f'(x)$")
    ax.set_xlabel("x")
    ax.legend()
    return fig
