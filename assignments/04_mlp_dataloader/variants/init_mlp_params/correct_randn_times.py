# randn times 0.1 on the right, from one generator, detached into fresh leaves.
def init_mlp_params(hidden=100, seed=0):
    gen = torch.Generator()
    gen.manual_seed(seed)
    w1 = torch.randn(1, hidden, generator=gen) * 0.1
    b1 = torch.randn(hidden, generator=gen) * 0.1
    w2 = torch.randn(hidden, 1, generator=gen) * 0.1
    b2 = torch.randn(1, generator=gen) * 0.1
    return tuple(t.detach().clone().requires_grad_(True) for t in (w1, b1, w2, b2))
