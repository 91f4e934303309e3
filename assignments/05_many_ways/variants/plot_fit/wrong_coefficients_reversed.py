# Hands the coefficients to np.polyval in the wrong order (polyval wants the highest power first).
import math

import matplotlib.pyplot as plt
import numpy as np


def plot_fit(a, b, c, d):
    x = np.linspace(-math.pi, math.pi, 2000)
    fig, ax = plt.subplots()
    ax.plot(x, np.sin(x), label="sin(x)")
    ax.plot(x, np.polyval([a, b, c, d], x), label="cubic")
    ax.legend()
    return fig
