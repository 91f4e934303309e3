# Never uses `seed`: two calls with the same seed differ.
def init_mlp_params(hidden=100, seed=0):
    return tuple((0.1 * torch.randn(*s)).requires_grad_() for s in [(1, hidden), (hidden,), (hidden, 1), (1,)])
