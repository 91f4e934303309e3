# Saves the output instead of the input and differentiates at the wrong point.
import math

import torch


class LegendreP3(torch.autograd.Function):
    @staticmethod
    def forward(ctx, z):
        out = 0.5 * (5 * z**3 - 3 * z)
        ctx.save_for_backward(out)
        return out

    @staticmethod
    def backward(ctx, grad_output):
        (out,) = ctx.saved_tensors
        return grad_output * 1.5 * (5 * out**2 - 1)


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
