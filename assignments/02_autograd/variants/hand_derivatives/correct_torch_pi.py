"""torch.pi, and the polynomial's derivative written as 2(x + 1.5)."""
import torch


def hand_derivative_poly(x):
    return 2 * (x + 1.5)


def hand_derivative_sin(x):
    omega = 2 * torch.pi
    return omega * torch.cos(omega * x)
