# Adds the gradient (ascent) instead of subtracting it.
import torch


def fit_sine(xs, ys, omega0=3.0, t0=1.0, lr=0.1, n_iter=50):
    x, y = torch.tensor(xs, dtype=torch.float32), torch.tensor(ys, dtype=torch.float32)
    omega = torch.tensor([omega0], requires_grad=True)
    t = torch.tensor([t0], requires_grad=True)
    losses = []
    for _ in range(n_iter):
        if omega.grad is not None:
            omega.grad.zero_()
            t.grad.zero_()
        loss = 0.5 * torch.mean((y - torch.sin(omega * x + t)) ** 2)
        loss.backward()
        omega.data.add_(lr * omega.grad)
        t.data.add_(lr * t.grad)
        losses.append(loss.item())
    return omega.item(), t.item(), losses
