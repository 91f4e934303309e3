"""Moves to the CPU first with .to, then detaches."""
def to_numpy(t):
    return t.to("cpu").detach().numpy()
