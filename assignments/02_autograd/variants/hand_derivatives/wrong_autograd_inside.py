"""The "hand" derivatives computed with autograd instead (backward for one, torch.autograd.grad for the other)."""
import math

import torch


def hand_derivative_poly(x):
    leaf = x.detach().clone().requires_grad_(True)
    (leaf**2 + 3 * leaf + 1).sum().backward()
    return leaf.grad


def hand_derivative_sin(x):
    leaf = x.detach().clone().requires_grad_(True)
    (slope,) = torch.autograd.grad(torch.sin(2 * math.pi * leaf).sum(), leaf)
    return slope
