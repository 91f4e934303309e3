# Draws the start from an unseeded numpy generator instead of torch.randn: the coefficients after one
# step do not follow from the start it reports for n_steps = 0 (the grader seeds torch before each call).
import math

import numpy as np
import torch


def fit_cubic_tensors(n_steps, lr, device):
    x = torch.linspace(-math.pi, math.pi, 2000, device=device)
    y = torch.sin(x)
    a, b, c, d = (torch.tensor(float(v), device=device) for v in np.random.default_rng().normal(size=4))
    losses = []
    for _ in range(n_steps):
        r = a + b * x + c * x**2 + d * x**3 - y
        losses.append(r.square().sum().item())
        g = 2 * r
        a, b, c, d = a - lr * g.sum(), b - lr * (g * x).sum(), c - lr * (g * x * x).sum(), d - lr * (g * x**3).sum()
    return (a.item(), b.item(), c.item(), d.item()), losses
