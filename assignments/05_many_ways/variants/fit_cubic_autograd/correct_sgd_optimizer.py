# torch.optim.SGD does the same plain step (its step() runs without recording a graph).
import math

import torch


def fit_cubic_autograd(n_steps, lr):
    x = torch.linspace(-math.pi, math.pi, 2000)
    y = torch.sin(x)
    params = [torch.randn((), requires_grad=True) for _ in range(4)]
    optimizer = torch.optim.SGD(params, lr=lr)
    losses = []
    for _ in range(n_steps):
        optimizer.zero_grad()
        a, b, c, d = params
        loss = ((a + b * x + c * x**2 + d * x**3 - y) ** 2).sum()
        losses.append(loss.item())
        loss.backward()
        optimizer.step()
    return tuple(p.item() for p in params), losses
