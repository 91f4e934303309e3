# Both derivatives through .backward(create_graph=True) and .grad, in float32.
import torch


def newton(f, x0, n_steps):
    x = torch.tensor(float(x0))
    history = [float(f(x))]
    for _ in range(n_steps):
        x = x.detach().requires_grad_(True)
        f(x).backward(create_graph=True)
        first = x.grad
        x.grad = None
        first.backward()
        second = x.grad
        x = (x - first / second).detach()
        history.append(float(f(x)))
    return x, history
