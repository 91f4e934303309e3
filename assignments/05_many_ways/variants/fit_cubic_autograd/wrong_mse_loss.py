# nn.MSELoss() with its default mean: gradients 2000 times too small, and mean losses.
import math

import torch


def fit_cubic_autograd(n_steps, lr):
    x = torch.linspace(-math.pi, math.pi, 2000)
    y = torch.sin(x)
    p = [torch.randn((), requires_grad=True) for _ in range(4)]
    loss_fn = torch.nn.MSELoss()
    losses = []
    for _ in range(n_steps):
        loss = loss_fn(p[0] + p[1] * x + p[2] * x**2 + p[3] * x**3, y)
        losses.append(loss.item())
        loss.backward()
        with torch.no_grad():
            for q in p:
                q -= lr * q.grad
                q.grad = None
    return tuple(q.item() for q in p), losses
