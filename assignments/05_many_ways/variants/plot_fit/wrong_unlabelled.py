# The right lines without labels, so the legend is empty.
import math

import matplotlib.pyplot as plt
import numpy as np


def plot_fit(a, b, c, d):
    x = np.linspace(-math.pi, math.pi, 2000)
    fig, ax = plt.subplots()
    ax.plot(x, np.sin(x))
    ax.plot(x, a + b * x + c * x**2 + d * x**3)
    return fig
