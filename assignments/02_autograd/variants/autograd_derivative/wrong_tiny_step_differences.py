"""Forward differences with a step of 1e-7 in float64 (points barely move), still no autograd."""
import torch


def autograd_derivative(f, x):
    t = x.detach().double()
    return ((f(t + 1e-7) - f(t)) / 1e-7).to(x.dtype).detach()
