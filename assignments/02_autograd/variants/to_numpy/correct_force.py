"""numpy(force=True) detaches and copies to the host in one call."""
def to_numpy(t):
    return t.numpy(force=True)
