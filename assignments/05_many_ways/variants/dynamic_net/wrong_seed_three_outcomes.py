# The tutorial's range(4, random.randint(4, 6)) taken literally: some calls drop e x^4 as well.
import random

import torch


class DynamicNet(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.a, self.b, self.c, self.d, self.e = (torch.nn.Parameter(torch.randn(())) for _ in range(5))

    def forward(self, x):
        y = self.a + self.b * x + self.c * x**2 + self.d * x**3
        for exp in range(4, random.randint(4, 6)):
            y = y + self.e * x**exp
        return y

    def string(self):
        return "y = " + " + ".join(f"{p.item():.6g}" for p in (self.a, self.b, self.c, self.d, self.e))
