# float64 tensors, one parameter vector, torch.nn.functional.mse_loss (the function behind
# nn.MSELoss) and an SGD optimizer.
import numpy as np
import torch


def fit_sine_sgd(xs, ys, omega0=3.0, t0=1.0, lr=0.1, n_iter=50):
    x = torch.tensor(np.asarray(xs), dtype=torch.float64)
    y = torch.tensor(np.asarray(ys), dtype=torch.float64)
    p = torch.tensor([omega0, t0], dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([p], lr=lr)
    losses = []
    for _ in range(n_iter):
        opt.zero_grad()
        loss = torch.nn.functional.mse_loss(torch.sin(p[0] * x + p[1]), y)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return p[0].item(), p[1].item(), losses
