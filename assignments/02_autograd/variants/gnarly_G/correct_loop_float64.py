"""G with exp(3 cos x^2); derivatives point by point in float64, cast back to x's dtype."""
import torch


def G(x):
    return torch.sin(torch.exp(3 * torch.cos(x * x))) / torch.cos(torch.exp(-torch.tan(x.pow(4)).pow(2)))


def _derivatives(value):
    leaf = value.detach().to(torch.float64).requires_grad_(True)
    (first,) = torch.autograd.grad(G(leaf), leaf, create_graph=True)
    (second,) = torch.autograd.grad(first, leaf)
    return first.detach(), second.detach()


def G_prime(x):
    flat = x.reshape(-1)
    values = [_derivatives(v)[0] for v in flat]
    return torch.stack(values).to(x.dtype).reshape(x.shape) if values else torch.zeros_like(x)


def G_second(x):
    flat = x.reshape(-1)
    values = [_derivatives(v)[1] for v in flat]
    return torch.stack(values).to(x.dtype).reshape(x.shape) if values else torch.zeros_like(x)
