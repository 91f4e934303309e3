# history holds f after each step only (n_steps values, f(x0) missing).
import torch


def newton(f, x0, n_steps):
    x = torch.tensor(float(x0), dtype=torch.float64)
    history = []
    for _ in range(n_steps):
        x.requires_grad_(True)
        (first,) = torch.autograd.grad(f(x), x, create_graph=True)
        (second,) = torch.autograd.grad(first, x)
        x = (x - first / second).detach()
        history.append(f(x).item())
    return x, history
