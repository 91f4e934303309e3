# Scales the gradient by lr, then multiplies by lr again in the update.
import torch


def gradient_descent(f, x0, lr, n_steps):
    x = x0.detach().clone() if torch.is_tensor(x0) else torch.tensor(float(x0), dtype=torch.float64)
    x.requires_grad_(True)
    history = []
    for _ in range(n_steps):
        value = f(x)
        history.append(value.item())
        value.backward()
        scaled = lr * x.grad
        with torch.no_grad():
            x -= lr * scaled
        x.grad.zero_()
    history.append(f(x).item())
    return x.detach(), history
