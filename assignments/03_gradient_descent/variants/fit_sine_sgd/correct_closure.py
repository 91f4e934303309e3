# optimizer.step(closure): the closure clears the gradients, computes the loss and backpropagates.
import torch


def fit_sine_sgd(xs, ys, omega0=3.0, t0=1.0, lr=0.1, n_iter=50):
    x, y = torch.as_tensor(xs, dtype=torch.float32), torch.as_tensor(ys, dtype=torch.float32)
    omega = torch.full((1,), float(omega0), requires_grad=True)
    t = torch.full((1,), float(t0), requires_grad=True)
    optimizer = torch.optim.SGD([omega, t], lr=lr)
    loss_fn = torch.nn.MSELoss()

    def closure():
        optimizer.zero_grad()
        loss = loss_fn(torch.sin(omega * x + t), y)
        loss.backward()
        return loss

    losses = [optimizer.step(closure).item() for _ in range(n_iter)]
    return omega.item(), t.item(), losses
