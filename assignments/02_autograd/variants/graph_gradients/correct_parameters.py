"""nn.Parameter leaves as in the lecture; hand values from the local derivatives of each node."""
import torch
from torch import nn


def graph_gradients(a, b, c):
    pa, pb, pc = (nn.Parameter(torch.tensor(float(v))) for v in (a, b, c))
    s = pa + pb
    L = s * pc + pc
    L.backward()
    return pa.grad.item(), pb.grad.item(), pc.grad.item()


def hand_graph_gradients(a, b, c):
    dL_ds = float(c)                 # s = a + b enters the product with c
    dL_da = dL_ds * 1.0
    dL_db = dL_ds * 1.0
    dL_dc = float(a + b) + 1.0
    return dL_da, dL_db, dL_dc
