# Variance 0.1 read as the standard deviation's square root: torch.normal(0, 0.1 ** 0.5).
def init_mlp_params(hidden=100, seed=0):
    torch.manual_seed(seed)
    return tuple(torch.normal(0.0, 0.1 ** 0.5, size=s).requires_grad_() for s in [(1, hidden), (hidden,), (hidden, 1), (1,)])
