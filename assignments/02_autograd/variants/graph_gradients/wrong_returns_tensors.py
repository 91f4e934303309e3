"""Returns the .grad tensors instead of Python floats."""
import torch


def graph_gradients(a, b, c):
    a, b, c = (torch.tensor(float(v), requires_grad=True) for v in (a, b, c))
    L = ((a + b) * c) + c
    L.backward()
    return a.grad, b.grad, c.grad


def hand_graph_gradients(a, b, c):
    return float(c), float(c), float(a + b + 1)
