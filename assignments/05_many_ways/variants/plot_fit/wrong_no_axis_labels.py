# Labelled lines and a legend, but neither axis is labelled.
import math

import matplotlib.pyplot as plt
import numpy as np


def plot_fit(a, b, c, d):
    x = np.linspace(-math.pi, math.pi, 2000)
    fig, ax = plt.subplots()
    ax.plot(x, np.sin(x), label="sin(x)")
    ax.plot(x, a + b * x + c * x**2 + d * x**3, label="cubic")
    ax.legend()
    return fig
