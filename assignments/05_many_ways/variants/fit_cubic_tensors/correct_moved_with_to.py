# Builds on the CPU, then moves everything with .to(device) before the loop; one stacked vector.
import math

import torch


def fit_cubic_tensors(n_steps, lr, device):
    x = torch.linspace(-math.pi, math.pi, 2000).to(device)
    y = torch.sin(x)
    p = torch.stack([torch.randn(()) for _ in range(4)]).to(device)
    X = torch.stack([torch.ones_like(x), x, x**2, x**3], dim=1)
    losses = []
    for _ in range(n_steps):
        r = X @ p - y
        losses.append(float(r @ r))
        p = p - lr * 2.0 * (X.T @ r)
    return tuple(float(v) for v in p.cpu()), losses
