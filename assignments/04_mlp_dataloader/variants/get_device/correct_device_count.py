# Counts the GPUs instead of asking whether CUDA is available.
def get_device():
    name = "cuda" if torch.cuda.device_count() > 0 else "cpu"
    return torch.device(name)
