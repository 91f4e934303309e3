# Makes its axes once, outside the function, so every call draws onto the same old figure.
import math

import matplotlib.pyplot as plt
import numpy as np

fig, ax = plt.subplots()


def plot_fit(a, b, c, d):
    x = np.linspace(-math.pi, math.pi, 2000)
    ax.plot(x, np.sin(x), label="sin(x)")
    ax.plot(x, a + b * x + c * x**2 + d * x**3, label="cubic")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.legend()
    return fig
