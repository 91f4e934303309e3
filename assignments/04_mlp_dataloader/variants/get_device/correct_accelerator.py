# torch.accelerator (PyTorch 2.6+), which names the machine's accelerator, CUDA here.
def get_device():
    if torch.accelerator.is_available():
        return torch.accelerator.current_accelerator()
    return torch.device("cpu")
