# Uniform weights on [-0.3, 0.3] and zero biases, where every entry should be N(0, 0.1²).
import numpy as np


def init_mlp_params(hidden=100, seed=0):
    rng = np.random.RandomState(seed)
    w1 = torch.tensor(rng.uniform(-0.3, 0.3, size=(1, hidden)), requires_grad=True)
    b1 = torch.zeros(hidden, dtype=torch.float64, requires_grad=True)
    w2 = torch.tensor(rng.uniform(-0.3, 0.3, size=(hidden, 1)), requires_grad=True)
    b2 = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    return (w1, b1, w2, b2)
