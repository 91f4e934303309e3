"""Differentiates with respect to the caller's x itself, switching on its requires_grad."""
import torch


def G(x):
    return torch.sin(torch.exp(torch.cos(x**2)) ** 3) / torch.cos(torch.exp(-torch.tan(x**4) ** 2))


def G_prime(x):
    x.requires_grad_(True)
    (first,) = torch.autograd.grad(G(x).sum(), x)
    return first


def G_second(x):
    x.requires_grad_(True)
    (first,) = torch.autograd.grad(G(x).sum(), x, create_graph=True)
    (second,) = torch.autograd.grad(first.sum(), x)
    return second
