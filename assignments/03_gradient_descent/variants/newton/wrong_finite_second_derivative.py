# f' from autograd, but f'' as a finite difference of f' (step 1e-5): not both from autograd.
import torch


def newton(f, x0, n_steps):
    def slope(v):
        v = torch.tensor(v, dtype=torch.float64, requires_grad=True)
        (d,) = torch.autograd.grad(f(v), v)
        return d.item()

    h = 1e-5
    x = float(x0)
    history = [f(torch.tensor(x, dtype=torch.float64)).item()]
    for _ in range(n_steps):
        second = (slope(x + h) - slope(x - h)) / (2 * h)
        x = x - slope(x) / second
        history.append(f(torch.tensor(x, dtype=torch.float64)).item())
    return torch.tensor(x, dtype=torch.float64), history
