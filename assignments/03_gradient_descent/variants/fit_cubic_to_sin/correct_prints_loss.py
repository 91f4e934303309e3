# Calls the model a second time after each step (without gradients) to watch the loss.
import math

import torch
from torch import nn


def fit_cubic_to_sin(n_steps, lr):
    x = torch.linspace(-math.pi, math.pi, 2000)
    y = torch.sin(x)
    features = x.unsqueeze(-1).pow(torch.tensor([1, 2, 3]))
    model = nn.Sequential(nn.Linear(3, 1), nn.Flatten(0, 1))
    loss_fn = nn.MSELoss(reduction="sum")
    optimizer = torch.optim.RMSprop(model.parameters(), lr=lr)
    watched = []
    for _ in range(n_steps):
        optimizer.zero_grad()
        loss_fn(model(features), y).backward()
        optimizer.step()
        with torch.no_grad():
            watched.append(loss_fn(model(features), y).item())
    layer = model[0]
    b, c, d = layer.weight[0].tolist()
    return layer.bias.item(), b, c, d
