"""Builds f(x) once and calls backward on it repeatedly with retain_graph=True."""
import torch


def accumulated_gradient(f, x0, n_backward, zero_between):
    x = torch.tensor(float(x0), requires_grad=True)
    y = f(x)
    for step in range(n_backward):
        if zero_between and step > 0:
            x.grad.zero_()
        y.backward(retain_graph=True)
    return x.grad.item()
