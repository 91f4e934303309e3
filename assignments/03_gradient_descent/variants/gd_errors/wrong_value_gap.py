# Measures |f(x_k) - f(x*)| instead of |x_k - x*|.
import numpy as np
import torch


def gd_errors(lr, n_steps, x0=2.0):
    def f(x):
        return x**2 + 3 * x + 1

    x = torch.tensor(float(x0), dtype=torch.float64, requires_grad=True)
    gaps = [abs(f(x).item() - f(-1.5))]
    for _ in range(n_steps):
        (g,) = torch.autograd.grad(f(x), x)
        with torch.no_grad():
            x -= lr * g
        gaps.append(abs(f(x).item() - f(-1.5)))
    return np.array(gaps)


max_stable_lr = 1.0
