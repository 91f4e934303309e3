# Draws the choice once, in __init__: every call of one model computes the same sum.
import random

import torch


class DynamicNet(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.a, self.b, self.c, self.d, self.e = (torch.nn.Parameter(torch.randn(())) for _ in range(5))
        self.top = random.randint(4, 5)

    def forward(self, x):
        y = self.a + self.b * x + self.c * x**2 + self.d * x**3
        for power in range(4, self.top + 1):
            y = y + self.e * x**power
        return y

    def string(self):
        return "y = " + " + ".join(f"{p.item():.6g}" for p in (self.a, self.b, self.c, self.d, self.e))
