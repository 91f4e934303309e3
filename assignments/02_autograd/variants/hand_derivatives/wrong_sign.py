"""Differentiates sin as if it were cos (-sin)."""
import math

import torch


def hand_derivative_poly(x):
    return 2 * x + 3


def hand_derivative_sin(x):
    return -2 * math.pi * torch.sin(2 * math.pi * x)
