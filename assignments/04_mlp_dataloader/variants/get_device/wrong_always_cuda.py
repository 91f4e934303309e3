# Assumes a GPU is always there.
def get_device():
    return torch.device("cuda")
