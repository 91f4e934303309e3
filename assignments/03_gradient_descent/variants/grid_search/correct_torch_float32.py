# A float32 torch grid (torch.linspace, torch.cartesian_prod), torch.argmin for the first minimum.
import torch


def grid_search(f, lows, highs, n_points):
    axes = [torch.linspace(float(lo), float(hi), n_points) for lo, hi in zip(lows, highs)]
    grid = torch.cartesian_prod(*axes).reshape(-1, len(axes))
    values = torch.tensor([float(f(point.numpy())) for point in grid], dtype=torch.float64)
    best = int(torch.argmin(values))
    return grid[best].numpy(), values[best].item()
