# Forgets requires_grad: nothing can be trained.
def init_mlp_params(hidden=100, seed=0):
    g = torch.Generator().manual_seed(seed)
    return tuple(0.1 * torch.randn(*s, generator=g) for s in [(1, hidden), (hidden,), (hidden, 1), (1,)])
