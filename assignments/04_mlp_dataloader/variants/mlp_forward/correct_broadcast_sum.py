# No matrix product at all: broadcasting and a sum over the hidden units.
def mlp_forward(x, w1, b1, w2, b2):
    hidden = torch.nn.functional.relu(x * w1 + b1)          # (N, 1) * (1, h) -> (N, h)
    return (hidden * w2.T).sum(dim=1, keepdim=True) + b2     # (N, h) -> (N, 1)
