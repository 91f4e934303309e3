"""Computes in float64 with math.tau, returns float64."""
import math

import torch


def hand_derivative_poly(x):
    return x.to(torch.float64) * 2 + 3


def hand_derivative_sin(x):
    return math.tau * torch.cos(math.tau * x.to(torch.float64))
