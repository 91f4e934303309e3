# pyplot's state machine (plt.figure, plt.plot), torch points, and plt.gcf() returned.
import math

import matplotlib.pyplot as plt
import torch


def plot_fit(a, b, c, d):
    x = torch.linspace(-math.pi, math.pi, 2000)
    plt.figure()
    plt.plot(x.numpy(), torch.sin(x).numpy(), label="sin(x)")
    plt.plot(x.numpy(), (a + b * x + c * x**2 + d * x**3).numpy(), label="cubic")
    plt.xlabel("x")
    plt.ylabel("y")
    plt.legend()
    return plt.gcf()
