"""The formulas evaluated with numpy and turned back into tensors of the input's dtype."""
import numpy as np
import torch


def hand_derivative_poly(x):
    return torch.from_numpy(2 * x.numpy() + 3)


def hand_derivative_sin(x):
    values = x.numpy()
    return torch.from_numpy((2 * np.pi * np.cos(2 * np.pi * values)).astype(values.dtype))
