# Never clears the gradients: each step uses the sum of all gradients so far.
import math

import torch


def fit_cubic_autograd(n_steps, lr):
    x = torch.linspace(-math.pi, math.pi, 2000)
    y = torch.sin(x)
    p = [torch.randn((), requires_grad=True) for _ in range(4)]
    losses = []
    for _ in range(n_steps):
        loss = (p[0] + p[1] * x + p[2] * x**2 + p[3] * x**3 - y).square().sum()
        losses.append(loss.item())
        loss.backward()
        with torch.no_grad():
            for q in p:
                q -= lr * q.grad
    return tuple(q.item() for q in p), losses
