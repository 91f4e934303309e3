"""Clears after every call, the last one included: returns 0 when zeroing."""
import torch


def accumulated_gradient(f, x0, n_backward, zero_between):
    x = torch.tensor(float(x0), requires_grad=True)
    for step in range(n_backward):
        f(x).backward()
        if zero_between:
            x.grad.zero_()
    return x.grad.item()
