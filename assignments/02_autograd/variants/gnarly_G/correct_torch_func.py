"""torch.func: grad of a scalar function, vectorised with vmap, composed twice for G''."""
import torch
from torch.func import grad, vmap


def G(x):
    numerator = torch.sin(torch.exp(torch.cos(x**2)) ** 3)
    denominator = torch.cos(torch.exp(-torch.square(torch.tan(x**4))))
    return numerator / denominator


def G_prime(x):
    flat = x.detach().reshape(-1)
    return vmap(grad(G))(flat).reshape(x.shape)


def G_second(x):
    flat = x.detach().reshape(-1)
    return vmap(grad(grad(G)))(flat).reshape(x.shape)
