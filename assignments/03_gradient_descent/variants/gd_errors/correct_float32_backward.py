# float32 tensor, backward and .grad, a tensor of errors as the result.
import torch


def gd_errors(lr, n_steps, x0=2.0):
    x = torch.tensor(x0, dtype=torch.float32, requires_grad=True)
    errors = [abs(x.item() + 1.5)]
    for _ in range(n_steps):
        (x**2 + 3 * x + 1).backward()
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.zero_()
        errors.append(abs(x.item() + 1.5))
    return torch.tensor(errors)


second_derivative = 2.0
max_stable_lr = 2 / second_derivative
