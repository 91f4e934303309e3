# Returns [theta1, theta0]: slope first.
import torch


def fit_linear(xs, ys, lr, n_iter):
    x, y = torch.as_tensor(xs, dtype=torch.float32), torch.as_tensor(ys, dtype=torch.float32)
    theta = torch.tensor([1.0, 1.0], requires_grad=True)
    optimizer = torch.optim.SGD([theta], lr=lr)
    for _ in range(n_iter):
        optimizer.zero_grad()
        torch.mean((y - theta[0] - theta[1] * x) ** 2).backward()
        optimizer.step()
    return theta.detach().flip(0)
