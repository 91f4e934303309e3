# Weights kept as plain tensors: the module registers nothing and an optimiser never sees them.
class MyOwnMLP(nn.Module):
    def __init__(self, hidden=100):
        super().__init__()
        self.w1 = (0.1 * torch.randn(1, hidden)).requires_grad_()
        self.b1 = (0.1 * torch.randn(hidden)).requires_grad_()
        self.w2 = (0.1 * torch.randn(hidden, 1)).requires_grad_()
        self.b2 = (0.1 * torch.randn(1)).requires_grad_()

    def forward(self, x):
        return torch.relu(x @ self.w1 + self.b1) @ self.w2 + self.b2
