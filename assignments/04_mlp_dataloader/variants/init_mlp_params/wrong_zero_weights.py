# All zeros: every hidden unit is identical and stays so during training.
def init_mlp_params(hidden=100, seed=0):
    return tuple(torch.zeros(*s, requires_grad=True) for s in [(1, hidden), (hidden,), (hidden, 1), (1,)])
