# The GPU that is current, by its index (cuda:0 on a machine with one GPU).
def get_device():
    if torch.cuda.is_available():
        return torch.device("cuda", torch.cuda.current_device())
    return torch.device("cpu")
