"""Keeps the derivative attached to a graph (create_graph=True, no detach)."""
import torch


def autograd_derivative(f, x):
    leaf = x.detach().clone().requires_grad_(True)
    (slope,) = torch.autograd.grad(f(leaf).sum(), leaf, create_graph=True)
    return slope
