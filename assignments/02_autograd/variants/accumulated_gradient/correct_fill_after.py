"""Clears after each call except the last, with grad.fill_(0)."""
import torch


def accumulated_gradient(f, x0, n_backward, zero_between):
    x = torch.tensor([x0], requires_grad=True)
    for step in range(n_backward):
        f(x[0]).backward()
        if zero_between and step < n_backward - 1:
            x.grad.fill_(0)
    return float(x.grad[0].item())
