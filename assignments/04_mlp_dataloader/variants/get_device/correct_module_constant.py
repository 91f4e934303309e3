# The device decided once, when the cell runs, and kept in a module-level constant.
DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def get_device():
    return DEVICE
