# A design matrix [1, x] times theta, float64, the start (1, 1) from torch.ones.
import numpy as np
import torch


def fit_linear(xs, ys, lr, n_iter):
    X = torch.tensor(np.stack([np.ones(len(xs)), np.asarray(xs)], axis=1), dtype=torch.float64)
    y = torch.tensor(np.asarray(ys), dtype=torch.float64)
    theta = torch.ones(2, dtype=torch.float64).requires_grad_()
    optimizer = torch.optim.SGD([theta], lr=lr)
    for _ in range(n_iter):
        optimizer.zero_grad()
        residual = y - X @ theta
        (residual @ residual / len(y)).backward()
        optimizer.step()
    return theta.detach()
