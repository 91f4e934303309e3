"""One 3-vector leaf holding (a, b, c); hand values written as sums over the paths."""
import torch


def graph_gradients(a, b, c):
    v = torch.tensor([a, b, c], requires_grad=True)
    L = (v[0] + v[1]) * v[2] + v[2]
    L.backward()
    return tuple(v.grad.tolist())


def hand_graph_gradients(a, b, c):
    return (0.0 + c, 0.0 + c, 1.0 + a + b)
