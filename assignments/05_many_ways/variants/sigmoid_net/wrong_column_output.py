# Returns an (N, 1) column instead of N values.
from torch import nn


class SigmoidNet(nn.Module):
    def __init__(self, hidden):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(1, hidden), nn.Sigmoid())
        self.head = nn.Linear(hidden, 1)

    def forward(self, x):
        return self.head(self.body(x.unsqueeze(-1)))
