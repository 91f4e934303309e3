# Forgets to clear x.grad: backward adds every new gradient to the old ones.
import torch


def gradient_descent(f, x0, lr, n_steps):
    x = x0.detach().clone() if torch.is_tensor(x0) else torch.tensor(float(x0), dtype=torch.float64)
    x.requires_grad_(True)
    history = []
    for _ in range(n_steps):
        value = f(x)
        history.append(value.item())
        value.backward()
        with torch.no_grad():
            x -= lr * x.grad
    history.append(f(x).item())
    return x.detach(), history
