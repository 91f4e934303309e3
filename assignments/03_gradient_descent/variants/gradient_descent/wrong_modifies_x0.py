# Works on the caller's tensor itself: x0 is changed in place (and keeps requires_grad).
import torch


def gradient_descent(f, x0, lr, n_steps):
    x = x0 if torch.is_tensor(x0) else torch.tensor(float(x0), dtype=torch.float64)
    x.requires_grad_(True)
    history = []
    for _ in range(n_steps):
        value = f(x)
        history.append(value.item())
        value.backward()
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.zero_()
    history.append(f(x).item())
    return x.detach().clone(), history
