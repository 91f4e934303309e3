# The newer Function style: forward without ctx and a separate setup_context; SGD for the steps.
import math

import torch


class P3(torch.autograd.Function):
    @staticmethod
    def forward(z):
        return 2.5 * z**3 - 1.5 * z

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0])

    @staticmethod
    def backward(ctx, grad_output):
        (z,) = ctx.saved_tensors
        return grad_output * (7.5 * z * z - 1.5)


def fit_legendre(n_steps, lr):
    x = torch.linspace(-math.pi, math.pi, 2000)
    y = torch.sin(x)
    params = [torch.tensor(v, requires_grad=True) for v in (0.0, -1.0, 0.0, 0.3)]
    optimizer = torch.optim.SGD(params, lr=lr)
    losses = []
    for _ in range(n_steps):
        a, b, c, d = params
        loss = ((a + b * P3.apply(c + d * x) - y) ** 2).sum()
        losses.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return tuple(p.item() for p in params), losses
