# Builds the device from a type and an index; the CPU gets index 0 as well ("cpu:0").
def get_device():
    kind = "cpu"
    if torch.cuda.is_available():
        kind = "cuda"
    return torch.device(type=kind, index=0)
