# float32 tensors throughout, f(x_best) evaluated again at every comparison.
import torch


def random_search(f, x0, n_iter, scale, seed):
    generator = torch.Generator().manual_seed(seed)
    x_best = torch.as_tensor(x0, dtype=torch.float32).clone()
    history = []
    for _ in range(n_iter):
        candidate = x_best + scale * torch.randn(x_best.shape, generator=generator)
        if f(candidate) < f(x_best):
            x_best = candidate
        history.append(f(x_best))
    return x_best.numpy() if x_best.ndim else float(x_best), history
