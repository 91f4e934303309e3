# Draws the cubic and the data points as dots of a scatter, but no line of sin(x).
import math

import matplotlib.pyplot as plt
import numpy as np


def plot_fit(a, b, c, d):
    x = np.linspace(-math.pi, math.pi, 2000)
    fig, ax = plt.subplots()
    ax.scatter(x[::50], np.sin(x[::50]), label="sin(x)")
    ax.plot(x, a + b * x + c * x**2 + d * x**3, label="cubic")
    ax.legend()
    return fig
