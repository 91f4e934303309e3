"""float64 leaf; clears with x.grad = None instead of zero_()."""
import torch


def accumulated_gradient(f, x0, n_backward, zero_between):
    x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
    for step in range(n_backward):
        if zero_between:
            x.grad = None
        f(x).backward()
    return float(x.grad)
