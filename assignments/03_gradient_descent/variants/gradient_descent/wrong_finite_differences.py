# The gradient by central finite differences, coordinate by coordinate, instead of autograd.
import torch


def gradient_descent(f, x0, lr, n_steps):
    x = x0.detach().clone().double() if isinstance(x0, torch.Tensor) else torch.tensor(float(x0), dtype=torch.float64)
    h = 1e-5
    history = []
    for _ in range(n_steps):
        history.append(f(x).item())
        flat = x.reshape(-1)
        grad = torch.zeros_like(flat)
        for i in range(flat.numel()):
            step = torch.zeros_like(flat)
            step[i] = h
            grad[i] = (f((flat + step).reshape(x.shape)) - f((flat - step).reshape(x.shape))) / (2 * h)
        x = x - lr * grad.reshape(x.shape)
    history.append(f(x).item())
    return x, history
