"""torch.autograd.grad with an explicit vector of ones instead of backward on the sum."""
import torch


def autograd_derivative(f, x):
    leaf = x.detach().requires_grad_(True)
    y = f(leaf)
    (slope,) = torch.autograd.grad(y, leaf, grad_outputs=torch.ones_like(y))
    return slope
