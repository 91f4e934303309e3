# torch.device('gpu') raises as soon as CUDA is available.
def get_device():
    return torch.device('gpu' if torch.cuda.is_available() else 'cpu')
