"""Puts the 2*pi outside only: 2*pi*cos(x)."""
import math

import torch


def hand_derivative_poly(x):
    return 2 * x + 3


def hand_derivative_sin(x):
    return 2 * math.pi * torch.cos(x)
