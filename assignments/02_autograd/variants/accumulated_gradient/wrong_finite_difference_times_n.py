"""No backward at all: the slope by central differences, multiplied by the number of calls unless zeroing."""
import torch


def accumulated_gradient(f, x0, n_backward, zero_between):
    h = 1e-5
    with torch.no_grad():
        x = torch.tensor(float(x0), dtype=torch.float64)
        slope = ((f(x + h) - f(x - h)) / (2 * h)).item()
    return slope if zero_between else n_backward * slope
