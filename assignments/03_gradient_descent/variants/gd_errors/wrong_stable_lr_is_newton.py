# Correct errors, but max_stable_lr = 1 / f'' (the fastest rate, not the stability limit).
import numpy as np
import torch


def gd_errors(lr, n_steps, x0=2.0):
    x = torch.tensor(float(x0), dtype=torch.float64, requires_grad=True)
    errors = [abs(x.item() + 1.5)]
    for _ in range(n_steps):
        (g,) = torch.autograd.grad(x**2 + 3 * x + 1, x)
        with torch.no_grad():
            x -= lr * g
        errors.append(abs(x.item() + 1.5))
    return np.array(errors)


max_stable_lr = 0.5
