# Leaves out the sigmoid: two linear layers make one straight line.
from torch import nn


class SigmoidNet(nn.Module):
    def __init__(self, hidden):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(1, hidden))
        self.head = nn.Linear(hidden, 1)

    def forward(self, x):
        return self.head(self.body(x.unsqueeze(-1))).squeeze(-1)
