"""G'' as the diagonal of torch.autograd.functional.hessian of the summed G (G is elementwise)."""
import torch


def G(x):
    return torch.sin(torch.exp(torch.cos(x**2)) ** 3) / torch.cos(torch.exp(-torch.tan(x**4) ** 2))


def G_prime(x):
    leaf = x.detach().clone().requires_grad_(True)
    G(leaf).sum().backward()
    return leaf.grad.detach()


def G_second(x):
    hessian = torch.autograd.functional.hessian(lambda t: G(t).sum(), x.detach())
    return torch.diagonal(hessian.reshape(x.numel(), x.numel())).reshape(x.shape).detach()
