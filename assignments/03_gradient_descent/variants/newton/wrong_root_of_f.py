# Newton for f(x) = 0 (x - f/f') instead of f'(x) = 0.
import torch


def newton(f, x0, n_steps):
    x = torch.tensor(float(x0), dtype=torch.float64)
    history = [f(x).item()]
    for _ in range(n_steps):
        x.requires_grad_(True)
        value = f(x)
        (first,) = torch.autograd.grad(value, x)
        x = (x - value / first).detach()
        history.append(f(x).item())
    return x, history
