# torch.autograd.grad in float64, parameters rebuilt each step (no .data, no zero_grad needed).
import numpy as np
import torch


def fit_sine(xs, ys, omega0=3.0, t0=1.0, lr=0.1, n_iter=50):
    x = torch.from_numpy(np.asarray(xs, dtype=np.float64))
    y = torch.from_numpy(np.asarray(ys, dtype=np.float64))
    params = torch.tensor([omega0, t0], dtype=torch.float64)
    losses = []
    for _ in range(n_iter):
        params.requires_grad_(True)
        loss = 0.5 * ((y - torch.sin(params[0] * x + params[1])) ** 2).mean()
        (g,) = torch.autograd.grad(loss, params)
        params = (params - lr * g).detach()
        losses.append(loss.item())
    return params[0].item(), params[1].item(), losses
