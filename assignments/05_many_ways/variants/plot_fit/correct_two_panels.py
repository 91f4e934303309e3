# Two panels: the curves on the left, the error of the fit on the right.
import math

import matplotlib.pyplot as plt
import numpy as np


def plot_fit(a, b, c, d):
    x = np.linspace(-math.pi, math.pi, 2000)
    cubic = a + b * x + c * x**2 + d * x**3
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.5))
    left.plot(x, np.sin(x), label="sin(x)")
    left.plot(x, cubic, label="cubic")
    left.set_xlabel("x")
    left.set_ylabel("y")
    left.legend()
    right.plot(x, cubic - np.sin(x), label="cubic - sin(x)")
    right.legend()
    return fig
