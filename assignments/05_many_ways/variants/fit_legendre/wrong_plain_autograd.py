# Right numbers, but P3 is written with ordinary tensor operations: no custom Function is used.
import math

import torch


def fit_legendre(n_steps, lr):
    x = torch.linspace(-math.pi, math.pi, 2000)
    y = torch.sin(x)
    params = [torch.tensor(v, requires_grad=True) for v in (0.0, -1.0, 0.0, 0.3)]
    losses = []
    for _ in range(n_steps):
        a, b, c, d = params
        z = c + d * x
        loss = ((a + b * 0.5 * (5 * z**3 - 3 * z) - y) ** 2).sum()
        losses.append(loss.item())
        loss.backward()
        with torch.no_grad():
            for p in params:
                p -= lr * p.grad
                p.grad = None
    return tuple(p.item() for p in params), losses
