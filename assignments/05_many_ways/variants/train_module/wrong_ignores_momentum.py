# Plain SGD: the momentum argument is never passed to the optimizer.
import math

import torch


def train_module(model, n_steps, lr, momentum):
    x = torch.linspace(-math.pi, math.pi, 2000)
    y = torch.sin(x)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    losses = []
    for _ in range(n_steps):
        loss = torch.nn.functional.mse_loss(model(x), y, reduction="sum")
        losses.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return losses
