"""One backward per point, on a fresh 1-element leaf each time, results stacked."""
import torch


def autograd_derivative(f, x):
    slopes = []
    for value in x.detach():
        leaf = value.clone().reshape(1).requires_grad_(True)
        f(leaf).sum().backward()
        slopes.append(leaf.grad[0])
    return torch.stack(slopes).detach()
