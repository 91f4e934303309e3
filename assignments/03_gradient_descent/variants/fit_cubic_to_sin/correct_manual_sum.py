# The summed squared error written out, model.zero_grad(), coefficients from state_dict().
import math

import torch
from torch import nn


def fit_cubic_to_sin(n_steps, lr):
    x = torch.linspace(-math.pi, math.pi, 2000)
    target = torch.sin(x)
    features = torch.cat([x[:, None], x[:, None] ** 2, x[:, None] ** 3], dim=1)
    model = nn.Sequential(nn.Linear(3, 1), nn.Flatten(0, 1))
    optimizer = torch.optim.RMSprop(model.parameters(), lr=lr)
    for _ in range(n_steps):
        model.zero_grad()
        ((model(features) - target) ** 2).sum().backward()
        optimizer.step()
    state = model.state_dict()
    b, c, d = (float(v) for v in state["0.weight"].flatten())
    return float(state["0.bias"]), b, c, d
