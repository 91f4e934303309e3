"""Flattens the array."""
def to_numpy(t):
    return t.detach().cpu().numpy().reshape(-1)
