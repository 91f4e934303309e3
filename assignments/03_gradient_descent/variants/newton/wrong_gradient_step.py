# Forgets the second derivative: x - f'(x), a gradient step with learning rate 1.
import torch


def newton(f, x0, n_steps):
    x = torch.tensor(float(x0), dtype=torch.float64)
    history = [f(x).item()]
    for _ in range(n_steps):
        x.requires_grad_(True)
        (first,) = torch.autograd.grad(f(x), x)
        x = (x - first).detach()
        history.append(f(x).item())
    return x, history
