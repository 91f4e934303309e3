"""Only a forward: autograd cannot differentiate through it."""
import torch


class LegendreP3(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return 0.5 * (5 * x**3 - 3 * x)
