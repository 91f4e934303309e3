# One parameter vector of four coefficients instead of four scalar parameters.
import torch


class Polynomial3(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.coefficients = torch.nn.Parameter(torch.randn(4))

    def forward(self, x):
        a, b, c, d = self.coefficients
        return a + b * x + c * x**2 + d * x**3

    def string(self):
        a, b, c, d = self.coefficients.tolist()
        return f"y = {a} + {b} x + {c} x^2 + {d} x^3"
