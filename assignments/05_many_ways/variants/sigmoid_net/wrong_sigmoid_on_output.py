# Puts the sigmoid after the head as well: outputs squeezed into (0, 1).
import torch
from torch import nn


class SigmoidNet(nn.Module):
    def __init__(self, hidden):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(1, hidden), nn.Sigmoid())
        self.head = nn.Linear(hidden, 1)

    def forward(self, x):
        return torch.sigmoid(self.head(self.body(x.unsqueeze(-1)))).squeeze(-1)
