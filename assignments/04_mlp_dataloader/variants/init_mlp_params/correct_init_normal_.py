# torch.manual_seed, empty tensors filled in place by nn.init.normal_, then requires_grad_.
def init_mlp_params(hidden=100, seed=0):
    torch.manual_seed(seed)
    params = []
    for shape in [(1, hidden), (hidden,), (hidden, 1), (1,)]:
        tensor = torch.empty(shape)
        nn.init.normal_(tensor, mean=0.0, std=0.1)
        params.append(tensor.requires_grad_())
    return tuple(params)
