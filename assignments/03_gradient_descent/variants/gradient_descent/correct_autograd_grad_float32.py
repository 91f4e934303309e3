# torch.autograd.grad instead of backward, float32 throughout, a while loop, and a (1,)-shaped
# tensor for a float start.
import torch


def gradient_descent(f, x0, lr, n_steps):
    x = torch.as_tensor(x0, dtype=torch.float32).detach().clone().reshape(-1 if torch.is_tensor(x0) else 1)
    history = []
    step = 0
    while True:
        x.requires_grad_(True)
        value = f(x)
        history.append(float(value))
        if step == n_steps:
            break
        (gradient,) = torch.autograd.grad(value, x)
        x = (x - lr * gradient).detach()
        step += 1
    return x.detach(), history
