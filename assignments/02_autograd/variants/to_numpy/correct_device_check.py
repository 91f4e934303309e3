"""Copies only when the tensor is not on the CPU already."""
def to_numpy(t):
    t = t.detach()
    if t.device.type != "cpu":
        t = t.cpu()
    return t.numpy().copy()
