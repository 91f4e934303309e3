"""Returns (a copy of) the input."""
def autograd_derivative(f, x):
    return x.detach().clone()
