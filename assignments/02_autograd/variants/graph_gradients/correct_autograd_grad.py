"""float64 leaves, torch.autograd.grad on all three at once; hand formulas summed per path."""
import torch


def graph_gradients(a, b, c):
    leaves = [torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in (a, b, c)]
    ta, tb, tc = leaves
    L = ((ta + tb) * tc) + tc
    return tuple(float(g) for g in torch.autograd.grad(L, leaves))


def hand_graph_gradients(a, b, c):
    via_product = a + b          # dL/dc along the product
    direct = 1.0                 # dL/dc along the "+ c"
    return (c * 1.0, c * 1.0, via_product + direct)
