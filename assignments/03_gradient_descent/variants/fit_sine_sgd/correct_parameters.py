# nn.Parameter scalars; zero_grad after the step instead of before (same effect).
import torch
from torch import nn


def fit_sine_sgd(xs, ys, omega0=3.0, t0=1.0, lr=0.1, n_iter=50):
    x, y = torch.as_tensor(xs, dtype=torch.float32), torch.as_tensor(ys, dtype=torch.float32)
    omega, t = nn.Parameter(torch.tensor(float(omega0))), nn.Parameter(torch.tensor(float(t0)))
    optimizer = torch.optim.SGD([omega, t], lr=lr)
    criterion = nn.MSELoss()
    losses = []
    for _ in range(n_iter):
        loss = criterion(torch.sin(omega * x + t), y)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        losses.append(loss.item())
    return omega.item(), t.item(), losses
