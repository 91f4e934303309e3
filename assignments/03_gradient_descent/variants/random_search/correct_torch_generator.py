# A torch.Generator seeded per call; x kept as a float64 tensor; the history starts with f(x0)
# (n_iter + 1 values).
import torch


def random_search(f, x0, n_iter, scale, seed):
    generator = torch.Generator().manual_seed(seed)
    x_best = torch.as_tensor(x0, dtype=torch.float64).clone()
    f_best = f(x_best)
    history = [f_best]
    for _ in range(n_iter):
        step = scale * torch.randn(x_best.shape, generator=generator, dtype=torch.float64)
        candidate = x_best + step
        value = f(candidate)
        if value < f_best:
            x_best, f_best = candidate, value
        history.append(f_best)
    return x_best, history
