# float64 model and data, features built with torch.stack, coefficients read from parameters().
import math

import torch
from torch import nn


def fit_cubic_to_sin(n_steps, lr):
    x = torch.linspace(-math.pi, math.pi, 2000, dtype=torch.float64)
    y = torch.sin(x)
    features = torch.stack([x, x**2, x**3], dim=1)
    model = nn.Sequential(nn.Linear(3, 1), nn.Flatten(0, 1)).double()
    loss_fn = nn.MSELoss(reduction="sum")
    optimizer = torch.optim.RMSprop(model.parameters(), lr=lr)
    for _ in range(n_steps):
        optimizer.zero_grad()
        loss_fn(model(features), y).backward()
        optimizer.step()
    weight, bias = (p.detach() for p in model.parameters())
    return (float(bias[0]), *(float(w) for w in weight.reshape(-1)))
