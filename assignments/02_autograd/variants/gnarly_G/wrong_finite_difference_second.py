"""G'' as a central difference of the autograd G' (no create_graph): the second derivative is not autograd."""
import torch


def G(x):
    return torch.sin(torch.exp(torch.cos(x**2)) ** 3) / torch.cos(torch.exp(-torch.tan(x**4) ** 2))


def G_prime(x):
    leaf = x.detach().clone().requires_grad_(True)
    (first,) = torch.autograd.grad(G(leaf).sum(), leaf)
    return first.detach()


def G_second(x):
    h = 1e-5
    t = x.detach().double()
    return ((G_prime(t + h) - G_prime(t - h)) / (2 * h)).to(x.dtype)
