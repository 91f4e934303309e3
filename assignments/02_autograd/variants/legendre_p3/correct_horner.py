"""Horner form in forward; backward saves x*x as well to reuse it."""
import torch


class LegendreP3(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        square = x * x
        ctx.save_for_backward(square)
        return x * (2.5 * square - 1.5)

    @staticmethod
    def backward(ctx, grad_output):
        (square,) = ctx.saved_tensors
        return (7.5 * square - 1.5).mul(grad_output)
