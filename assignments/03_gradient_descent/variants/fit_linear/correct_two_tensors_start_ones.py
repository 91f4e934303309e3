# Two separate scalar tensors for the intercept and the slope, both starting at 1, in float64.
import numpy as np
import torch


def fit_linear(xs, ys, lr, n_iter):
    x = torch.tensor(np.asarray(xs), dtype=torch.float64)
    y = torch.tensor(np.asarray(ys), dtype=torch.float64)
    intercept = torch.ones((), dtype=torch.float64, requires_grad=True)
    slope = torch.ones((), dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.SGD([intercept, slope], lr=lr)
    for _ in range(n_iter):
        loss = ((intercept + slope * x - y) ** 2).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return torch.stack([intercept.detach(), slope.detach()])
