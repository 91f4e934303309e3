# MSELoss(reduction='sum'): N times the mean's gradient, far too long steps.
import torch


def fit_sine_sgd(xs, ys, omega0=3.0, t0=1.0, lr=0.1, n_iter=50):
    x, y = torch.as_tensor(xs, dtype=torch.float32), torch.as_tensor(ys, dtype=torch.float32)
    omega = torch.tensor([float(omega0)], requires_grad=True)
    t = torch.tensor([float(t0)], requires_grad=True)
    optimizer = torch.optim.SGD([omega, t], lr=lr)
    loss_fn = torch.nn.MSELoss(reduction="sum")
    losses = []
    for _ in range(n_iter):
        optimizer.zero_grad()
        loss = loss_fn(torch.sin(omega * x + t), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return omega.item(), t.item(), losses
