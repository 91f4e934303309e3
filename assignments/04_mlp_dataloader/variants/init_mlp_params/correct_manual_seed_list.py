# Seeds the global generator, uses torch.normal, returns a list and switches gradients on afterwards.
def init_mlp_params(hidden=100, seed=0):
    torch.manual_seed(seed)
    tensors = [
        torch.normal(0.0, 0.1, size=(1, hidden)),
        torch.normal(0.0, 0.1, size=(hidden,)),
        torch.normal(0.0, 0.1, size=(hidden, 1)),
        torch.normal(0.0, 0.1, size=(1,)),
    ]
    for t in tensors:
        t.requires_grad = True
    return tensors
