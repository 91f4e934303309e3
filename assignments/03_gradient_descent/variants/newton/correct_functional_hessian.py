# torch.autograd.functional.jacobian and hessian give f' and f'' for a 0-d x.
import torch
from torch.autograd.functional import hessian, jacobian


def newton(f, x0, n_steps):
    x = torch.tensor(x0, dtype=torch.float64)
    history = [float(f(x))]
    for _ in range(n_steps):
        x = x - jacobian(f, x) / hessian(f, x)
        history.append(float(f(x)))
    return x.detach(), history
