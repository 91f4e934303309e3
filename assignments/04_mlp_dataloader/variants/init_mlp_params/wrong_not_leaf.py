# Scales after asking for gradients: the results are not leaves, so .grad stays None.
def init_mlp_params(hidden=100, seed=0):
    torch.manual_seed(seed)
    w1 = torch.randn(1, hidden, requires_grad=True) * 0.1
    b1 = torch.randn(hidden, requires_grad=True) * 0.1
    w2 = torch.randn(hidden, 1, requires_grad=True) * 0.1
    b2 = torch.randn(1, requires_grad=True) * 0.1
    return w1, b1, w2, b2
