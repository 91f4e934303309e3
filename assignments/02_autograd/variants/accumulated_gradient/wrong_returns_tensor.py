"""Returns the gradient tensor instead of a Python float."""
import torch


def accumulated_gradient(f, x0, n_backward, zero_between):
    x = torch.tensor(float(x0), requires_grad=True)
    for step in range(n_backward):
        if zero_between and x.grad is not None:
            x.grad.zero_()
        f(x).backward()
    return x.grad
