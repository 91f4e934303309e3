"""G' by central differences of G in float64 (accurate to ~1e-8), G'' by autograd: G' is not autograd."""
import torch


def G(x):
    return torch.sin(torch.exp(torch.cos(x**2)) ** 3) / torch.cos(torch.exp(-torch.tan(x**4) ** 2))


def G_prime(x):
    h = 1e-5
    with torch.no_grad():
        t = x.detach().double()
        return ((G(t + h) - G(t - h)) / (2 * h)).to(x.dtype)


def G_second(x):
    leaf = x.detach().clone().requires_grad_(True)
    (first,) = torch.autograd.grad(G(leaf).sum(), leaf, create_graph=True)
    (second,) = torch.autograd.grad(first.sum(), leaf)
    return second.detach()
