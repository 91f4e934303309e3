"""Mean accumulated in float64, then cast back to the matrix's dtype."""
import torch


def center_rows_(m):
    means = m.to(torch.float64).mean(dim=1, keepdim=True).to(m.dtype)
    m.copy_(m - means)
    return m
