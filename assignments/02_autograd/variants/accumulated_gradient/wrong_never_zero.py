"""Ignores the flag and never clears."""
import torch


def accumulated_gradient(f, x0, n_backward, zero_between):
    x = torch.tensor(float(x0), requires_grad=True)
    for step in range(n_backward):
        f(x).backward()
    return x.grad.item()
