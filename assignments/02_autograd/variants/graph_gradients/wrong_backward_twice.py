"""Calls backward twice on the same graph without zeroing: gradients doubled."""
import torch


def graph_gradients(a, b, c):
    a, b, c = (torch.tensor(float(v), requires_grad=True) for v in (a, b, c))
    L = ((a + b) * c) + c
    L.backward(retain_graph=True)
    L.backward()
    return a.grad.item(), b.grad.item(), c.grad.item()


def hand_graph_gradients(a, b, c):
    return float(c), float(c), float(a + b + 1)
