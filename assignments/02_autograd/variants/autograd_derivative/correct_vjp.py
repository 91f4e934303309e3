"""torch.autograd.functional.vjp with a vector of ones: the same as backward on the sum."""
import torch


def autograd_derivative(f, x):
    _, slope = torch.autograd.functional.vjp(f, x.detach().clone(), torch.ones_like(x))
    return slope.detach()
