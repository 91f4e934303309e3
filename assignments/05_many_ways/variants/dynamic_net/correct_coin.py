# A coin from torch's generator decides on the x^5 term; string() lists the five values.
import torch


class DynamicNet(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.a, self.b, self.c, self.d, self.e = (torch.nn.Parameter(torch.randn(())) for _ in range(5))

    def forward(self, x):
        y = self.a + self.b * x + self.c * x**2 + self.d * x**3 + self.e * x**4
        if torch.rand(()) < 0.5:
            y = y + self.e * x**5
        return y

    def string(self):
        return "y = " + " + ".join(f"{p.item():.6g}" for p in (self.a, self.b, self.c, self.d, self.e))
