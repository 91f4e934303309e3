# nn.Parameter objects are leaf tensors that require grad, so they qualify too.
def init_mlp_params(hidden=100, seed=0):
    g = torch.Generator().manual_seed(seed)
    make = lambda *shape: nn.Parameter(torch.randn(*shape, generator=g) / 10)
    return make(1, hidden), make(hidden), make(hidden, 1), make(1)
