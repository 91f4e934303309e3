# torch.rand (uniform on [0, 1)) scaled by 0.1: all positive, mean 0.05, not N(0, 0.1²).
def init_mlp_params(hidden=100, seed=0):
    g = torch.Generator().manual_seed(seed)
    return tuple((0.1 * torch.rand(*s, generator=g)).requires_grad_() for s in [(1, hidden), (hidden,), (hidden, 1), (1,)])
