# Separate scalar parameters, gradients reset with `= None`, updates inside no_grad.
import torch


def fit_sine(xs, ys, omega0=3.0, t0=1.0, lr=0.1, n_iter=50):
    x, y = torch.tensor(xs, dtype=torch.float32), torch.tensor(ys, dtype=torch.float32)
    omega = torch.tensor(omega0, requires_grad=True)
    t = torch.tensor(t0, requires_grad=True)
    losses = []
    for _ in range(n_iter):
        loss = (y - torch.sin(omega * x + t)).pow(2).mean() / 2
        loss.backward()
        with torch.no_grad():
            omega -= lr * omega.grad
            t -= lr * t.grad
        omega.grad = None
        t.grad = None
        losses.append(float(loss))
    return float(omega), float(t), losses
