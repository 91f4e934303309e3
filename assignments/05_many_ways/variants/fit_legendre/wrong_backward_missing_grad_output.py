# backward returns P3'(z) without multiplying by grad_output: the chain rule is broken.
import math

import torch


class LegendreP3(torch.autograd.Function):
    @staticmethod
    def forward(ctx, z):
        ctx.save_for_backward(z)
        return 0.5 * (5 * z**3 - 3 * z)

    @staticmethod
    def backward(ctx, grad_output):
        (z,) = ctx.saved_tensors
        return 1.5 * (5 * z**2 - 1)


def fit_legendre(n_steps, lr):
    x = torch.linspace(-math.pi, math.pi, 2000)
    y = torch.sin(x)
    params = [torch.tensor(v, requires_grad=True) for v in (0.0, -1.0, 0.0, 0.3)]
    losses = []
    for _ in range(n_steps):
        a, b, c, d = params
        loss = ((a + b * LegendreP3.apply(c + d * x) - y) ** 2).sum()
        losses.append(loss.item())
        loss.backward()
        with torch.no_grad():
            for p in params:
                p -= lr * p.grad
                p.grad = None
    return tuple(p.item() for p in params), losses
