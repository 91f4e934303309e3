"""Drops the minus sign inside the denominator's exponential."""
import torch


def G(x):
    return torch.sin(torch.exp(torch.cos(x**2)) ** 3) / torch.cos(torch.exp(torch.tan(x**4) ** 2))


def G_prime(x):
    leaf = x.detach().clone().requires_grad_(True)
    (first,) = torch.autograd.grad(G(leaf).sum(), leaf)
    return first


def G_second(x):
    leaf = x.detach().clone().requires_grad_(True)
    (first,) = torch.autograd.grad(G(leaf).sum(), leaf, create_graph=True)
    (second,) = torch.autograd.grad(first.sum(), leaf)
    return second
