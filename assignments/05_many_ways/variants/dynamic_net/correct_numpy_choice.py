# numpy's global generator picks the top power; the terms summed in a loop.
import numpy as np
import torch


class DynamicNet(torch.nn.Module):
    def __init__(self):
        super().__init__()
        for name in "abcde":
            setattr(self, name, torch.nn.Parameter(torch.randn(())))

    def forward(self, x):
        top = int(np.random.choice([4, 5]))
        y = self.a + self.b * x + self.c * x**2 + self.d * x**3
        for power in range(4, top + 1):
            y = y + self.e * x**power
        return y

    def string(self):
        return ", ".join(f"{name} = {getattr(self, name).item()}" for name in "abcde")
