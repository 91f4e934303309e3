# torch.optim.SGD does the plain step; history is filled from a list of visited points.
import torch


def gradient_descent(f, x0, lr, n_steps):
    start = x0.detach().clone() if isinstance(x0, torch.Tensor) else torch.tensor(x0)
    x = start.to(torch.float64).requires_grad_(True)
    optimizer = torch.optim.SGD([x], lr=lr)
    points = [x.detach().clone()]
    for _ in range(n_steps):
        optimizer.zero_grad()
        f(x).backward()
        optimizer.step()
        points.append(x.detach().clone())
    with torch.no_grad():
        history = [f(p).item() for p in points]
    return points[-1], history
