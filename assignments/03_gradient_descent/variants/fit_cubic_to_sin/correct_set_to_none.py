# zero_grad(set_to_none=True) after the step, features from numpy, a while loop.
import math

import numpy as np
import torch
from torch import nn


def fit_cubic_to_sin(n_steps, lr):
    grid = np.linspace(-math.pi, math.pi, 2000)
    features = torch.tensor(np.stack([grid, grid**2, grid**3], axis=1), dtype=torch.float32)
    target = torch.tensor(np.sin(grid), dtype=torch.float32)
    model = nn.Sequential(nn.Linear(3, 1), nn.Flatten(0, 1))
    optimizer = torch.optim.RMSprop(model.parameters(), lr=lr)
    loss_fn = nn.MSELoss(reduction="sum")
    done = 0
    while done < n_steps:
        loss_fn(model(features), target).backward()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        done += 1
    linear = model[0]
    return linear.bias.item(), linear.weight[0, 0].item(), linear.weight[0, 1].item(), linear.weight[0, 2].item()
