# Forgets b2.
def mlp_forward(x, w1, b1, w2, b2):
    return torch.relu(x @ w1 + b1) @ w2
