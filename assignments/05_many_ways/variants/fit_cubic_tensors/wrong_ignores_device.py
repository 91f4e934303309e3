# Correct numbers, but every tensor stays on the CPU whatever device is asked for.
import math

import torch


def fit_cubic_tensors(n_steps, lr, device):
    x = torch.linspace(-math.pi, math.pi, 2000)
    y = torch.sin(x)
    a, b, c, d = (torch.randn(()) for _ in range(4))
    losses = []
    for _ in range(n_steps):
        r = a + b * x + c * x**2 + d * x**3 - y
        losses.append(r.square().sum().item())
        g = 2 * r
        a, b, c, d = a - lr * g.sum(), b - lr * (g * x).sum(), c - lr * (g * x * x).sum(), d - lr * (g * x**3).sum()
    return (a.item(), b.item(), c.item(), d.item()), losses
