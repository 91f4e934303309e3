# Device names as strings, not torch.device objects.
def get_device():
    return "cuda" if torch.cuda.is_available() else "cpu"
