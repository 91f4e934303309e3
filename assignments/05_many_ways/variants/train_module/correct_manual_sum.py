# The summed squared error written out; model.zero_grad() after the step.
import math

import torch


def train_module(model, n_steps, lr, momentum):
    x = torch.linspace(-math.pi, math.pi, 2000)
    y = torch.sin(x)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum)
    losses = []
    for _ in range(n_steps):
        loss = ((model(x) - y) ** 2).sum()
        losses.append(float(loss))
        loss.backward()
        optimizer.step()
        model.zero_grad()
    return losses
