"""Returns the function values instead of the derivative."""
def autograd_derivative(f, x):
    return f(x.detach()).detach()
