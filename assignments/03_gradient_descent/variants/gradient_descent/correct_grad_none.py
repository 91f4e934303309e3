# Resets x.grad to None instead of zeroing it, and records f after each update.
import torch


def gradient_descent(f, x0, lr, n_steps):
    x = torch.tensor(x0, dtype=torch.float64) if not torch.is_tensor(x0) else x0.clone().detach()
    x.requires_grad = True
    with torch.no_grad():
        history = [float(f(x))]
    for _ in range(n_steps):
        f(x).backward()
        with torch.no_grad():
            x.sub_(lr * x.grad)
            history.append(float(f(x)))
        x.grad = None
    return x.detach(), history
