# x + f'/f'': the step points the wrong way.
import torch


def newton(f, x0, n_steps):
    x = torch.tensor(float(x0), dtype=torch.float64)
    history = [f(x).item()]
    for _ in range(n_steps):
        x.requires_grad_(True)
        (first,) = torch.autograd.grad(f(x), x, create_graph=True)
        (second,) = torch.autograd.grad(first, x)
        x = (x + first / second).detach()
        history.append(f(x).item())
    return x, history
