# Float64 values drawn with numpy's legacy RandomState (normal, sd 0.1), made tensors that require grad.
import numpy as np


def init_mlp_params(hidden=100, seed=0):
    rng = np.random.RandomState(seed)
    shapes = [(1, hidden), (hidden,), (hidden, 1), (1,)]
    return tuple(torch.tensor(rng.normal(0.0, 0.1, size=shape), requires_grad=True) for shape in shapes)
