# The second use of e is detached, so e.grad misses the x^5 contribution.
import random

import torch


class DynamicNet(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.a, self.b, self.c, self.d, self.e = (torch.nn.Parameter(torch.randn(())) for _ in range(5))

    def forward(self, x):
        y = self.a + self.b * x + self.c * x**2 + self.d * x**3 + self.e * x**4
        if random.random() < 0.5:
            y = y + self.e.detach() * x**5
        return y

    def string(self):
        return "y = " + " + ".join(f"{p.item():.6g}" for p in (self.a, self.b, self.c, self.d, self.e))
