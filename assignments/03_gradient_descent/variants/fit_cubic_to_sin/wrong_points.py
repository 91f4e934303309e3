# 1000 points on [-pi, pi] instead of the 2000 the task names (the summed loss is half as large).
import math

import torch
from torch import nn


def fit_cubic_to_sin(n_steps, lr):
    x = torch.linspace(-math.pi, math.pi, 1000)
    y = torch.sin(x)
    features = x.unsqueeze(-1).pow(torch.tensor([1, 2, 3]))
    model = nn.Sequential(nn.Linear(3, 1), nn.Flatten(0, 1))
    loss_fn = nn.MSELoss(reduction="sum")
    optimizer = torch.optim.RMSprop(model.parameters(), lr=lr)
    for _ in range(n_steps):
        loss = loss_fn(model(features), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    layer = model[0]
    b, c, d = layer.weight[0].tolist()
    return layer.bias.item(), b, c, d
