# is_available imported by name from torch.cuda.
from torch.cuda import is_available


def get_device():
    return torch.device("cuda") if is_available() else torch.device("cpu")
