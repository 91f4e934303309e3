# A module-level constant set in an if block, with its own import of torch.
import torch

if torch.cuda.is_available():
    _device = torch.device("cuda")
else:
    _device = torch.device("cpu")


def get_device():
    return _device
