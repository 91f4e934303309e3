# torch.optim.SGD on a one-element float64 tensor, a list comprehension-free loop.
import numpy as np
import torch


def gd_errors(lr, n_steps, x0=2.0):
    x = torch.tensor([x0], dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.SGD([x], lr=lr)
    errors = np.empty(n_steps + 1)
    errors[0] = abs(x.item() + 1.5)
    for k in range(1, n_steps + 1):
        optimizer.zero_grad()
        (x**2 + 3 * x + 1).sum().backward()
        optimizer.step()
        errors[k] = abs(x.item() + 1.5)
    return errors


max_stable_lr = 1
