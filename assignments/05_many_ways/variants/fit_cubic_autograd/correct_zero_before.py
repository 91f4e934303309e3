# Clears the gradients with zero_() at the top of each step, after the first.
import math

import torch


def fit_cubic_autograd(n_steps, lr):
    x = torch.linspace(-math.pi, math.pi, 2000)
    y = torch.sin(x)
    p = [torch.randn((), requires_grad=True) for _ in range(4)]
    losses = []
    for _ in range(n_steps):
        for q in p:
            if q.grad is not None:
                q.grad.zero_()
        loss = (p[0] + p[1] * x + p[2] * x**2 + p[3] * x**3 - y).square().sum()
        loss.backward()
        losses.append(loss.item())
        with torch.no_grad():
            for q in p:
                q.sub_(lr * q.grad)
    return tuple(q.item() for q in p), losses
