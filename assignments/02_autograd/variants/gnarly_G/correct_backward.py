"""backward() into .grad for G', and backward of the recorded first derivative for G''."""
import torch


def G(x):
    inner = torch.exp(torch.cos(x**2))
    return torch.sin(inner * inner * inner) / torch.cos(torch.exp(-(torch.tan(x**4) ** 2)))


def G_prime(x):
    leaf = x.detach().clone().requires_grad_(True)
    G(leaf).sum().backward()
    return leaf.grad


def G_second(x):
    leaf = x.detach().clone().requires_grad_(True)
    (first,) = torch.autograd.grad(G(leaf).sum(), leaf, create_graph=True)
    first.sum().backward()
    return leaf.grad.detach()
