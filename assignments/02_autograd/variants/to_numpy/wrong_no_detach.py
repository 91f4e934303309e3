"""Copies to the host but does not detach: breaks when t requires grad."""
def to_numpy(t):
    return t.cpu().numpy()
