# The first GPU named explicitly, in a conditional expression.
def get_device():
    return torch.device("cuda:0") if torch.cuda.is_available() else torch.device("cpu")
