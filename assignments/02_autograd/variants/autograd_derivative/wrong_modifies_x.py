"""Switches on requires_grad on the caller's tensor and leaves a gradient on it."""
def autograd_derivative(f, x):
    x.requires_grad_(True)
    f(x).sum().backward()
    return x.grad.detach().clone()
