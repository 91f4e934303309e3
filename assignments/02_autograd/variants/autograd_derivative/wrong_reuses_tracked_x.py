"""Reuses x when it already requires grad, leaving the gradient in the caller's x.grad."""
def autograd_derivative(f, x):
    leaf = x if x.requires_grad else x.detach().clone().requires_grad_(True)
    f(leaf).sum().backward()
    return leaf.grad.detach().clone()
