# Horner's scheme in forward, register_parameter in a loop, four decimals in string().
import torch


class Polynomial3(torch.nn.Module):
    def __init__(self):
        super().__init__()
        for name in "abcd":
            self.register_parameter(name, torch.nn.Parameter(torch.randn(())))

    def forward(self, x):
        return self.a + x * (self.b + x * (self.c + x * self.d))

    def string(self):
        a, b, c, d = (p.item() for p in (self.a, self.b, self.c, self.d))
        return f"y = {a:.4f} {b:+.4f} x {c:+.4f} x^2 {d:+.4f} x^3"
