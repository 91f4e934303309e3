# Copies x0 with clone() but no detach(): for an x0 that requires grad the copy is no leaf, so
# x.grad stays None (the gradient goes to the caller's x0) and the step fails.
import torch


def gradient_descent(f, x0, lr, n_steps):
    x = x0.clone() if torch.is_tensor(x0) else torch.tensor(float(x0), dtype=torch.float64)
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
    return x.detach(), history
